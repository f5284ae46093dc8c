// Written by scripts/build-css.ts with console.css; a test holds the two together.
export const CONSOLE_CSS_NAME = 'console.dcbb4da3d2.css';
