/**
 * A step of a flow that later tests build on (file, then approve, then correct). It runs the
 * first time any test asks for it, and every later ask gets the same result, so each test asks for
 * the steps before it instead of relying on the tests that ran first: every test passes alone
 * (`vitest -t`) and in any order (`--sequence.shuffle`). A step that failed fails every test that
 * builds on it, with its own error.
 */
export function step<T>(run: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => {
    result ??= run();
    return result;
  };
}
