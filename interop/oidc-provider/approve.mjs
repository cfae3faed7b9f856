// Plays the person at the browser: drives oidc-provider's device-flow pages over plain HTTP, as
// a browser would (cookies, hidden fields, redirects), to approve or deny a user code.
//
//   node approve.mjs VERIFICATION_URI USER_CODE approve|deny [ACCOUNT]
//
// approve: code-entry form -> "Confirm Device" page -> Continue -> dev login (any account id,
//          any password) -> consent -> Continue -> "Sign-in Success".
// deny:    code-entry form -> "Confirm Device" page -> [ Abort ] -> "interrupted".
// Exits 0 when the provider shows the page that the chosen ending leads to, 1 otherwise; every
// step is logged on stderr.

const [verificationUri, userCode, action = 'approve', account = 'interop-user'] = process.argv.slice(2);
if (!verificationUri || !userCode || !['approve', 'deny'].includes(action)) {
  process.stderr.write('usage: node approve.mjs VERIFICATION_URI USER_CODE approve|deny [ACCOUNT]\n');
  process.exit(2);
}

const log = (msg) => process.stderr.write(`[browser] ${msg}\n`);
const jar = new Map();

function keepCookies(response) {
  for (const line of response.headers.getSetCookie()) {
    const [pair, ...attrs] = line.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attrs.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0\b/i.test(a));
    if (expired || value === '') jar.delete(name); else jar.set(name, value);
  }
}

// One request, then its redirects (as a browser: 303/302 become GET), cookies kept throughout.
async function browse(url, { method = 'GET', form } = {}) {
  let target = new URL(url);
  let init = { method, body: form ? new URLSearchParams(form).toString() : undefined };
  for (let hop = 0; hop < 10; hop += 1) {
    const headers = { accept: 'text/html' };
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(target, { ...init, headers, redirect: 'manual' });
    keepCookies(response);
    log(`${init.method} ${target.pathname} -> ${response.status}`);
    if ([301, 302, 303, 307, 308].includes(response.status)) {
      target = new URL(response.headers.get('location'), target);
      if (response.status !== 307 && response.status !== 308) init = { method: 'GET' };
      continue;
    }
    return { url: target, status: response.status, html: await response.text() };
  }
  throw new Error('too many redirects');
}

const decode = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&#x27;/g, "'")
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const attr = (tag, name) => {
  const m = tag.match(new RegExp(`\\b${name}="([^"]*)"`, 'i'));
  return m ? decode(m[1]) : undefined;
};

// The first <form> on the page: its action and its named inputs' values.
function firstForm(page) {
  const m = page.html.match(/<form\b[^>]*>([\s\S]*?)<\/form>/i);
  if (!m) throw new Error(`no form on ${page.url.pathname} (HTTP ${page.status}): ${summary(page)}`);
  const open = m[0].match(/<form\b[^>]*>/i)[0];
  const fields = {};
  for (const input of m[1].match(/<input\b[^>]*>/gi) || []) {
    const name = attr(input, 'name');
    if (name) fields[name] = attr(input, 'value') ?? '';
  }
  return { action: new URL(attr(open, 'action') || page.url.pathname, page.url), fields };
}

function summary(page) {
  const title = page.html.match(/<title>([^<]*)<\/title>/i)?.[1];
  const h1 = page.html.match(/<h1>([^<]*)<\/h1>/i)?.[1];
  const red = page.html.match(/<p class="red">([^<]*)<\/p>/i)?.[1];
  const err = page.html.match(/<pre id="error">([^<]*)<\/pre>/i)?.[1];
  return [title, h1, red, err && decode(err)].filter(Boolean).join(' | ') || page.html.slice(0, 200);
}

function expect(page, pattern, what) {
  if (!pattern.test(page.html)) {
    throw new Error(`expected ${what} at ${page.url.pathname} (HTTP ${page.status}), got: ${summary(page)}`);
  }
  log(`  ${what}: ${summary(page)}`);
}

try {
  // The person opens the verification URI and types the code shown on the device.
  let page = await browse(verificationUri);
  let form = firstForm(page);
  page = await browse(form.action, { method: 'POST', form: { ...form.fields, user_code: userCode } });
  expect(page, /Confirm Device/, 'the confirmation page');
  if (!page.html.includes(userCode)) throw new Error(`the confirmation page does not show ${userCode}`);
  form = firstForm(page);

  if (action === 'deny') {
    // The [ Abort ] button submits the confirm form with abort=yes.
    page = await browse(form.action, { method: 'POST', form: { ...form.fields, abort: 'yes' } });
    expect(page, /interrupted/i, 'the aborted page');
    process.exit(0);
  }

  page = await browse(form.action, { method: 'POST', form: form.fields });
  expect(page, /name="prompt" value="login"/, 'the login page');
  form = firstForm(page);
  page = await browse(form.action, {
    method: 'POST',
    form: { ...form.fields, login: account, password: 'any' },
  });
  expect(page, /name="prompt" value="consent"/, 'the consent page');
  form = firstForm(page);
  page = await browse(form.action, { method: 'POST', form: form.fields });
  expect(page, /Sign-in Success/, 'the success page');
  process.exit(0);
} catch (e) {
  log(`FAILED: ${e.message}`);
  process.exit(1);
}
