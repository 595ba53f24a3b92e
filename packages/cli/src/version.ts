// Replaced at build time would add a step; the package version is small enough to keep here.
export const CLI_VERSION = '0.1.0';
