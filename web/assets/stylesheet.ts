// Written by scripts/build-css.ts with herald.css; a test holds the two together.
export const STYLESHEET_NAME = 'herald.8c3e8215da.css';
