// AWS Signature Version 4 (header form, HMAC-SHA256) with Web Crypto, for requests that carry
// their whole body as a string. It covers what the page sends: no query string, headers with one
// value each. See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html

const ALGORITHM = 'AWS4-HMAC-SHA256';
const encoder = new TextEncoder();

/** Temporary (or long-term, without sessionToken) AWS credentials of an IAM principal. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignableRequest {
  method: string;
  /** Host header as the service receives it, with the port when it is not the default one. */
  host: string;
  /** Path as the service receives it, before URI encoding, such as /cat-data-cat-latest/_search. */
  path: string;
  /** Headers to sign and send besides host and the x-amz-* ones the signer adds. */
  headers: Record<string, string>;
  body: string;
}

export interface SigningOptions {
  region: string;
  /** Signing name of the service, such as es for OpenSearch Service. */
  service: string;
  date: Date;
  /** Sends and signs x-amz-content-sha256 with the body's hash, as OpenSearch Service accepts. */
  contentSha256Header: boolean;
}

export interface SignedRequest {
  /** Headers to send: the request's, x-amz-date, the optional x-amz-* ones and Authorization. */
  headers: Record<string, string>;
  canonicalRequest: string;
  stringToSign: string;
}

/** Encodes a string per RFC 3986: only A-Z, a-z, 0-9, "-", "_", "." and "~" stay as they are. */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Returns the canonical URI of a path: each segment URI-encoded once, the slashes kept. */
export function canonicalUri(path: string): string {
  if (!path.startsWith('/')) {
    throw new Error(`invalid path "${path}": a request path must start with "/"`);
  }
  return path.split('/').map(encodeRfc3986).join('/');
}

/** Formats an instant as the ISO 8601 basic form SigV4 uses, such as 20150830T123600Z. */
export function amzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function hex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function sha256Hex(data: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', encoder.encode(data)));
}

async function hmac(key: BufferSource, data: string): Promise<ArrayBuffer> {
  const cryptoKey = await crypto.subtle.importKey(
    'raw',
    key,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(data));
}

/** Derives the signing key of a day, region and service from the secret access key. */
async function signingKey(
  secretAccessKey: string,
  day: string,
  region: string,
  service: string,
): Promise<ArrayBuffer> {
  const dateKey = await hmac(encoder.encode(`AWS4${secretAccessKey}`), day);
  const regionKey = await hmac(dateKey, region);
  const serviceKey = await hmac(regionKey, service);
  return hmac(serviceKey, 'aws4_request');
}

/** Lower-cases the names, trims the values and collapses runs of white space, sorted by name. */
function canonicalHeaders(headers: Record<string, string>): [string, string][] {
  const entries = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    const lowerName = name.toLowerCase();
    if (entries.has(lowerName)) {
      throw new Error(`header ${lowerName} is given twice: give each header once`);
    }
    entries.set(lowerName, value.trim().replace(/\s+/g, ' '));
  }
  // Default sort order is by UTF-16 code unit, which for ASCII names is the byte order SigV4 wants.
  const names = [...entries.keys()].sort();
  return names.map((name) => [name, entries.get(name)!]);
}

/**
 * Signs a request: adds x-amz-date, x-amz-security-token when the credentials have a session
 * token, x-amz-content-sha256 when asked, and the Authorization header. Every header of the
 * request is signed, host included. The query string is always empty.
 */
export async function signRequest(
  request: SignableRequest,
  credentials: AwsCredentials,
  options: SigningOptions,
): Promise<SignedRequest> {
  const timestamp = amzDate(options.date);
  const day = timestamp.slice(0, 8);
  const payloadHash = await sha256Hex(request.body);

  const sent: Record<string, string> = { ...request.headers, 'X-Amz-Date': timestamp };
  if (options.contentSha256Header) {
    sent['X-Amz-Content-Sha256'] = payloadHash;
  }
  if (credentials.sessionToken) {
    sent['X-Amz-Security-Token'] = credentials.sessionToken;
  }
  const headers = canonicalHeaders({ ...sent, Host: request.host });
  const signedHeaders = headers.map(([name]) => name).join(';');

  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalUri(request.path),
    '',
    ...headers.map(([name, value]) => `${name}:${value}`),
    '',
    signedHeaders,
    payloadHash,
  ].join('\n');
  const scope = `${day}/${options.region}/${options.service}/aws4_request`;
  const stringToSign = [ALGORITHM, timestamp, scope, await sha256Hex(canonicalRequest)].join('\n');

  const key = await signingKey(credentials.secretAccessKey, day, options.region, options.service);
  const signature = hex(await hmac(key, stringToSign));
  sent.Authorization =
    `${ALGORITHM} Credential=${credentials.accessKeyId}/${scope}, ` +
    `SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { headers: sent, canonicalRequest, stringToSign };
}
