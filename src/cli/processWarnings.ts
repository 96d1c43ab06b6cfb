// Node prints "[DEP0040] DeprecationWarning: The `punycode` module is deprecated" on every live
// run: the URL parser of a bundled Azure SDK dependency (whatwg-url under @azure/ms-rest-js)
// requires Node's built-in punycode, which works the same. A CI log should not carry a warning the
// user can do nothing about; every other warning is still printed, the way Node prints it.

/** Deprecations of bundled third-party code, by code. */
const QUIET = new Set(['DEP0040']);

export function quietBundledDeprecations(proc: NodeJS.Process): void {
  proc.removeAllListeners('warning');
  proc.on('warning', (warning: Error & { code?: string }) => {
    if (warning.name === 'DeprecationWarning' && warning.code && QUIET.has(warning.code)) return;
    proc.stderr.write(`(node:${proc.pid}) ${warning.code ? `[${warning.code}] ` : ''}${warning.name}: ${warning.message}\n`);
  });
}
