/**
 * The security headers of every public page, feed and form, the same on CloudFront and locally.
 * Pages load only Herald's own stylesheet: no script, no frame, no third party. `no-referrer`
 * because a manage link carries its token in the URL.
 */
export const SITE_SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-frame-options': 'DENY',
  'permissions-policy': 'geolocation=(), camera=(), microphone=()',
} as const;
