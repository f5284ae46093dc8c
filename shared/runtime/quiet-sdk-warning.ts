/**
 * Imported first by the local entry points: the AWS SDK warns on Node 20 at every client; Lambda
 * runs Node 24, so the warning says nothing useful here.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
