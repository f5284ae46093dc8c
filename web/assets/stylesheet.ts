// Written by scripts/build-css.ts with herald.css; a test holds the two together.
export const STYLESHEET_NAME = 'herald.c91446de25.css';
