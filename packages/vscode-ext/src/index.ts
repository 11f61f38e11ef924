// Skeleton: VS Code extension for carbonTRACK (skeleton, see issue 7).
export {};
