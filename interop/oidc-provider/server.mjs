// An RFC 8628 device-flow server that none of us wrote: panva's oidc-provider, with its routes
// mounted at Zoom's paths, for zoomctl's interop run (run.sh).
//
// Listens on 127.0.0.1 at a free port and prints one line `LISTENING http://127.0.0.1:PORT` on
// stdout once it accepts requests. Everything else (its request log, its events, and with
// DEBUG=oidc-provider:* its own debug output) goes to stderr.
//
// Environment: INTEROP_CLIENT_ID, INTEROP_CLIENT_SECRET (the confidential client),
// INTEROP_AT_TTL (access-token lifetime in seconds, default 70), INTEROP_DEFAULT_SCOPE (see below).

import http from 'node:http';
import Provider, { errors } from 'oidc-provider';

const CLIENT_ID = process.env.INTEROP_CLIENT_ID || 'zoomctl-interop';
const CLIENT_SECRET = process.env.INTEROP_CLIENT_SECRET || 'interop secret:+/%';
const AT_TTL = Number(process.env.INTEROP_AT_TTL || 70);
// oidc-provider has no setting for a client's default scope: assignDefaults() fills in only
// acr_values and max_age, and the client's `scope` metadata is an allow-list. zoomctl sends no
// `scope`, so by default the grant has none, and a refresh token comes only from our
// issueRefreshToken below. Set INTEROP_DEFAULT_SCOPE (e.g. "openid offline_access") to have a
// middleware add a scope to device authorization requests that carry none (what a server with
// per-client default scopes would do), to exercise the scoped path too.
const DEFAULT_SCOPE = process.env.INTEROP_DEFAULT_SCOPE || '';

const log = (...args) => process.stderr.write(`[provider ${new Date().toISOString()}] ${args.join(' ')}\n`);

// Shows enough of a token to tell two apart, never the whole of it.
const short = (v) => (typeof v === 'string' && v.length > 12 ? `${v.slice(0, 6)}…(${v.length})` : v);
const redact = (body) => {
  if (!body || typeof body !== 'object') return body;
  const out = {};
  for (const [k, v] of Object.entries(body)) {
    out[k] = /token|code|secret|assertion/.test(k) && k !== 'user_code' ? short(v) : v;
  }
  return out;
};

// Some refusals carry their reason only in `error_detail`, which oidc-provider never sends and,
// on the device-flow pages, never logs either (a refusal there is re-rendered as "interrupted").
// Catch the detail as it is set, so that the log says why.
Object.defineProperty(errors.OIDCProviderError.prototype, 'error_detail', {
  configurable: true,
  get() { return this[Symbol.for('interop.detail')]; },
  set(detail) {
    this[Symbol.for('interop.detail')] = detail;
    if (detail) log(`raised ${this.name} (${this.error}): ${detail}`);
  },
});

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();
const issuer = `http://127.0.0.1:${port}`;

const configuration = {
  clients: [{
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    client_name: 'zoomctl (interop)',
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'],
    response_types: [],
    redirect_uris: [],
  }],
  features: {
    deviceFlow: { enabled: true },
    revocation: { enabled: true },
    devInteractions: { enabled: true },
  },
  routes: {
    device_authorization: '/oauth/devicecode',
    token: '/oauth/token',
    revocation: '/oauth/revoke',
    code_verification: '/oauth_device',
  },
  // The default asks for the offline_access scope, which zoomctl cannot request.
  issueRefreshToken: () => true,
  rotateRefreshToken: true,
  ttl: {
    AccessToken: AT_TTL,
    DeviceCode: 600,
    RefreshToken: 3600,
    Grant: 3600,
    Interaction: 600,
    Session: 3600,
  },
  findAccount: (ctx, id) => ({
    accountId: id,
    claims: () => ({ sub: id, email: `${id}@interop.invalid`, name: `Interop ${id}` }),
  }),
  claims: { openid: ['sub'], email: ['email'], profile: ['name'] },
  cookies: { keys: ['zoomctl-interop-not-a-secret'] },
  renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = `<!DOCTYPE html><html><body><h1>oops</h1><pre id="error">${JSON.stringify(out)}</pre></body></html>`;
  },
};

const provider = new Provider(issuer, configuration);

// The request log: method, path, what came in (form body, redacted; how the client authenticated)
// and what went out.
provider.use(async (ctx, next) => {
  const started = Date.now();
  const auth = ctx.get('authorization');
  const scheme = auth ? auth.split(' ')[0] : 'none';
  if (DEFAULT_SCOPE && ctx.method === 'POST' && ctx.path === '/oauth/devicecode') {
    // Runs before oidc-provider parses the body: rewrite it with the default scope added.
    const raw = await new Promise((resolve, reject) => {
      const chunks = [];
      ctx.req.on('data', (c) => chunks.push(c));
      ctx.req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      ctx.req.on('error', reject);
    });
    const form = new URLSearchParams(raw);
    if (!form.get('scope')) form.set('scope', DEFAULT_SCOPE);
    ctx.req.body = Object.fromEntries(form);
    log(`(default scope '${DEFAULT_SCOPE}' added to the device authorization request)`);
  }
  await next();
  let body = ctx.body;
  if (typeof body === 'string') body = body.startsWith('<') ? `<html ${body.length} chars>` : body;
  const params = ctx.oidc?.params ? redact(Object.fromEntries(
    Object.entries(ctx.oidc.params).filter(([, v]) => v !== undefined),
  )) : undefined;
  log(`${ctx.method} ${ctx.path} auth=${scheme} params=${JSON.stringify(params)} -> ${ctx.status}`
    + ` ${JSON.stringify(redact(body))} (${Date.now() - started} ms)`);
});

// Every event the provider emits, with the error it carries if any.
const QUIET = new Set(['access_token.saved', 'session.saved', 'interaction.saved', 'grant.saved',
  'device_code.saved', 'refresh_token.saved', 'interaction.destroyed', 'session.destroyed']);
const emit = provider.emit.bind(provider);
provider.emit = (event, ...args) => {
  if (!QUIET.has(event)) {
    const err = args.find((a) => a instanceof Error);
    const what = err ? ` ${err.name}: ${err.message} ${err.error_description ?? ''}${err.error_detail ? ` (${err.error_detail})` : ''}` : '';
    log(`event ${event}${what}`);
    if (event === 'server_error' && err?.stack) log(err.stack);
  }
  return emit(event, ...args);
};

server.on('request', provider.callback());
process.stdout.write(`LISTENING ${issuer}\n`);

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
