/**
 * The layers of docs/architecture.md (D24), as rules `npm run lint` enforces. Each rule names what
 * a layer may import; anything else fails lint with the rule's comment. A waiver is an entry in
 * an allow list below with its reason next to it, never a rule turned off.
 */

/** Node's built-in modules, as dependency-cruiser names them. */
const CORE = 'core';
/** `node:crypto`: digests, a CSPRNG and constant-time comparison; computation, no I/O. */
const NODE_CRYPTO = '^(node:)?crypto$';
const NPM = '^node_modules/';

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'An import cycle makes its modules one unit that no layer owns. Type-only imports count: a ' +
        'type cycle still makes the modules change together.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import the tool cannot resolve would escape every rule below.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'shared-not-to-outer-layers',
      severity: 'error',
      comment:
        'shared/ is what every function and both runtimes build on; it never imports the handlers, ' +
        'the public site, the local or AWS runtime, tests, scripts or benchmarks.',
      from: { path: '^shared/' },
      to: { path: '^(functions|web|infra|tests|scripts|bench)/' },
    },
    {
      name: 'web-renders-from-the-domain',
      severity: 'error',
      comment:
        'web/ turns public read models into pages, feeds and CAP documents: pure functions of the ' +
        'domain and of rendering libraries (xmlbuilder2, feed, preact). Reading records, writing ' +
        "files and serving them is the caller's work, so web/ imports no port, adapter, use case, " +
        'runtime or Node built-in, and renders the same on AWS, locally and in tests.',
      from: { path: '^web/' },
      to: { pathNot: ['^web/', '^shared/domain/', NPM] },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        'The domain imports only itself and pure libraries that do no I/O: zod (schemas), ' +
        'libphonenumber-js (whether a number can take an SMS, from bundled metadata), twitter-text ' +
        "(X's weighted length) and node:crypto (the content hash, a digest). Time and ids come from " +
        'the Clock and Ids ports, passed in by use cases.',
      from: { path: '^shared/domain/' },
      to: {
        pathNot: [
          '^shared/domain/',
          '^node_modules/zod/',
          '^node_modules/libphonenumber-js/',
          '^node_modules/twitter-text/',
          NODE_CRYPTO,
        ],
      },
    },
    {
      name: 'ports-import-the-domain',
      severity: 'error',
      comment:
        'Ports are interfaces over domain types; a data shape a port returns and the domain reasons ' +
        'about belongs in the domain.',
      from: { path: '^shared/ports/' },
      to: { pathNot: ['^shared/(ports|domain)/'] },
    },
    {
      name: 'use-cases-import-ports-and-domain',
      severity: 'error',
      comment:
        'A use case works through ports, so it runs on AWS, locally and against test fakes alike. ' +
        'node:crypto is allowed for sign-up codes, management tokens and console session secrets, ' +
        'which must come from a CSPRNG and be compared in constant time.',
      from: { path: '^shared/use-cases/' },
      to: { pathNot: ['^shared/(use-cases|ports|domain)/', NODE_CRYPTO] },
    },
    {
      name: 'adapters-import-ports-and-domain',
      severity: 'error',
      comment:
        'An adapter implements a port with its SDK. It never calls a use case, the runtime or the ' +
        'HTTP layer. It may read the data files it serves (config/*.json, e.g. the sample resource ' +
        'library).',
      from: { path: '^shared/adapters/' },
      to: {
        pathNot: ['^shared/(adapters|ports|domain)/', NPM, '^config/[^/]+\\.json$'],
        dependencyTypesNot: [CORE],
      },
    },
    {
      name: 'http-imports-ports-and-domain',
      severity: 'error',
      comment:
        'shared/http is the primary adapter: the route contract, the middy stack, error mapping and ' +
        'views translate HTTP to and from domain values. Which use case a route runs and with which ' +
        "ports is the handler's choice (functions/), so the contract and the OpenAPI document build " +
        'without the runtime, and the CDK app and the local server can read them.',
      from: { path: '^shared/http/' },
      to: {
        pathNot: ['^shared/(http|ports|domain)/', NPM],
        dependencyTypesNot: [CORE],
      },
    },
    {
      name: 'config-only-loads-files',
      severity: 'error',
      comment:
        "shared/config reads and validates files against the domain's schemas; the schemas " +
        'themselves are domain vocabulary.',
      from: { path: '^shared/config/' },
      to: {
        pathNot: ['^shared/(config|domain)/', NPM],
        dependencyTypesNot: [CORE],
      },
    },
    {
      name: 'handlers-import-http-runtime-use-cases',
      severity: 'error',
      comment:
        'A handler parses its event (shared/http, or a domain schema for a queue message), runs one ' +
        'use case with the ports the runtime built, and maps the result. It never reaches an adapter ' +
        'itself: the runtime factories of D20 do, so that only declared adapters are bundled. The ' +
        "domain is allowed for a queue message's schema and a role check. A handler that answers " +
        'with HTML renders it with the views of web/, which are pure (a model in, HTML out).',
      from: { path: '^functions/', pathNot: '^functions/manifest\\.ts$' },
      to: {
        pathNot: ['^functions/', '^shared/(http|runtime|use-cases|domain)/', '^web/', NPM],
        dependencyTypesNot: [CORE],
      },
    },
    {
      name: 'manifest-imports-contract-and-key-prefixes',
      severity: 'error',
      comment:
        "The manifest assigns the contract's routes to functions. It imports the table adapter's key " +
        "prefixes (shared/adapters/dynamo/keys.ts) because a function's dynamodb:LeadingKeys " +
        'condition must be the very prefix the adapter writes: one constant, read by both.',
      from: { path: '^functions/manifest\\.ts$' },
      to: {
        pathNot: ['^functions/', '^shared/(http|domain)/', '^shared/adapters/dynamo/keys\\.ts$'],
      },
    },
  ],
  options: {
    // A git worktree may link node_modules from another checkout; packages keep their own path.
    preserveSymlinks: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(cdk\\.out|\\.herald)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    // Type-only imports are dependencies too: without them the registry cycle (a type import)
    // would not show.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
