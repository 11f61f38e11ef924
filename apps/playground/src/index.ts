// Skeleton: Demo and docs site with live widgets on the simulator (skeleton, see issue 6).
export {};
