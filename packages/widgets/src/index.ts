// Skeleton: Lit web components that embed live carbonTRACK data in any site (skeleton, see issue 5).
export {};
