// Stands in for the core-js 2 polyfills twitter-text imports (infra/aws/bundling.ts, polyfillAliases):
// every feature they patch is native in Node.js 24, so in a bundle they only cost load time.
export {};
