'use strict';
// Lambda@Edge viewer-response handler: adds the usual security headers to every reply.
const headersToAdd = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains; preload',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'content-security-policy': "default-src 'self'",
};

const displayName = (name) => name.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('-');

exports.handler = async (event) => {
  const response = event.Records[0].cf.response;
  for (const [name, value] of Object.entries(headersToAdd)) {
    response.headers[name] = [{ key: displayName(name), value }];
  }
  return response;
};
