// CloudFormation custom resource that writes roles and role mappings into the OpenSearch security
// plugin through its REST API (_plugins/_security/api/roles and rolesmapping).
//
// Only the master user may change security settings. The function assumes the master user's IAM
// role (MasterRoleArn) with STS and signs every OpenSearch request with AWS Signature Version 4 as
// that role. It uses Node's standard library alone, so it needs no bundling.
//
// Resource properties:
//   Endpoint      https URL of the domain, such as https://vpc-cat-search-domain-....es.amazonaws.com
//   MasterRoleArn IAM role that the domain's fine-grained access control has as master user
//   Roles         {name: body of PUT roles/<name>}; created or replaced, and deleted on Delete
//   RoleMappings  {name: body of PUT rolesmapping/<name>}; replaced on Create and Update. Mappings
//                 of roles in Roles are deleted with them; other mappings stay on Delete.
//
// Environment: AWS_REGION and the function's credentials, which Lambda sets. STS_ENDPOINT
// (default https://sts.<region>.amazonaws.com/) and RETRY_DELAY_MS (default 10000) exist for tests.

import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';

const SECURITY_API = '/_plugins/_security/api';
const RETRIES = 5;
const RETRY_DELAY_MS = Number(process.env.RETRY_DELAY_MS ?? 10000);

export async function handler(event) {
  const physicalId = event.PhysicalResourceId ?? `opensearch-security-${event.LogicalResourceId}`;
  let status = 'SUCCESS';
  let reason = '';
  try {
    const props = event.ResourceProperties;
    const region = process.env.AWS_REGION;
    const master = await assumeRole(props.MasterRoleArn, region);
    const api = (method, path, body, accepted) =>
      callOpenSearch(props.Endpoint, method, `${SECURITY_API}/${path}`, body, region, master, accepted);

    if (event.RequestType === 'Delete') {
      await deleteRoles(api, Object.keys(props.Roles ?? {}));
    } else {
      await putAll(api, props);
      const kept = new Set(Object.keys(props.Roles ?? {}));
      const removed = Object.keys(event.OldResourceProperties?.Roles ?? {}).filter((n) => !kept.has(n));
      await deleteRoles(api, removed);
    }
  } catch (error) {
    console.error(`${event.RequestType} of ${event.LogicalResourceId} failed:`, error);
    status = 'FAILED';
    reason = String(error.message ?? error).slice(0, 500);
  }
  await respond(event, physicalId, status, reason);
}

async function putAll(api, props) {
  for (const [name, body] of Object.entries(props.Roles ?? {})) {
    await api('PUT', `roles/${encodeURIComponent(name)}`, body);
    console.log(`role ${name} written`);
  }
  for (const [name, body] of Object.entries(props.RoleMappings ?? {})) {
    await api('PUT', `rolesmapping/${encodeURIComponent(name)}`, body);
    console.log(`role mapping ${name} written`);
  }
}

async function deleteRoles(api, names) {
  for (const name of names) {
    // A role with a mapping cannot be deleted, so the mapping goes first. 404 means it is gone.
    await api('DELETE', `rolesmapping/${encodeURIComponent(name)}`, undefined, [404]);
    await api('DELETE', `roles/${encodeURIComponent(name)}`, undefined, [404]);
    console.log(`role ${name} and its mapping deleted`);
  }
}

/** Returns temporary credentials of roleArn, from STS AssumeRole signed with the function's own. */
async function assumeRole(roleArn, region) {
  const endpoint = process.env.STS_ENDPOINT ?? `https://sts.${region}.amazonaws.com/`;
  const body = new URLSearchParams({
    Action: 'AssumeRole',
    Version: '2011-06-15',
    RoleArn: roleArn,
    RoleSessionName: 'opensearch-security-config',
    DurationSeconds: '900',
  }).toString();
  const own = {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID,
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
    sessionToken: process.env.AWS_SESSION_TOKEN,
  };
  const headers = { 'content-type': 'application/x-www-form-urlencoded' };
  const response = await send(signed('POST', new URL(endpoint), headers, body, region, 'sts', own));
  if (response.status !== 200) {
    throw new Error(`STS AssumeRole of ${roleArn} returned HTTP ${response.status}: ${response.body}`);
  }
  const field = (tag) => {
    const match = response.body.match(new RegExp(`<${tag}>([^<]+)</${tag}>`));
    if (!match) throw new Error(`STS AssumeRole response has no ${tag}`);
    return match[1];
  };
  return {
    accessKeyId: field('AccessKeyId'),
    secretAccessKey: field('SecretAccessKey'),
    sessionToken: field('SessionToken'),
  };
}

/** Sends a signed request, retrying connection errors and HTTP 5xx while the domain settles. */
async function callOpenSearch(endpoint, method, path, body, region, credentials, accepted = []) {
  const url = new URL(path, endpoint);
  const text = body === undefined ? '' : JSON.stringify(body);
  const headers = body === undefined ? {} : { 'content-type': 'application/json' };
  for (let attempt = 1; ; attempt++) {
    let response;
    try {
      response = await send(signed(method, url, headers, text, region, 'es', credentials));
    } catch (error) {
      if (attempt >= RETRIES) throw new Error(`${method} ${path} failed: ${error.message}`);
      console.warn(`${method} ${path} failed (${error.message}), attempt ${attempt} of ${RETRIES}`);
      await sleep(RETRY_DELAY_MS);
      continue;
    }
    if (response.status < 300 || accepted.includes(response.status)) return response;
    if (response.status < 500 || attempt >= RETRIES) {
      throw new Error(`${method} ${path} returned HTTP ${response.status}: ${response.body.slice(0, 300)}`);
    }
    console.warn(`${method} ${path} returned HTTP ${response.status}, attempt ${attempt} of ${RETRIES}`);
    await sleep(RETRY_DELAY_MS);
  }
}

/**
 * Returns the request with the AWS Signature Version 4 headers added. The path and query are
 * signed as sent, which suffices for the unreserved characters of role names.
 */
export function signed(method, url, headers, body, region, service, credentials, now = new Date()) {
  const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const date = amzDate.slice(0, 8);
  const payloadHash = sha256Hex(body);
  const all = {
    ...headers,
    host: url.host,
    'x-amz-date': amzDate,
    'x-amz-content-sha256': payloadHash,
  };
  if (credentials.sessionToken) all['x-amz-security-token'] = credentials.sessionToken;

  const names = Object.keys(all).map((n) => n.toLowerCase()).sort();
  const lower = Object.fromEntries(Object.entries(all).map(([k, v]) => [k.toLowerCase(), v]));
  const canonicalHeaders = names.map((n) => `${n}:${String(lower[n]).trim()}\n`).join('');
  const signedHeaders = names.join(';');
  const query = [...url.searchParams.entries()]
    .map(([name, value]) => `${encode(name)}=${encode(value)}`)
    .sort()
    .join('&');
  const canonicalRequest = [method, url.pathname, query, canonicalHeaders, signedHeaders, payloadHash].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');

  let key = hmac(`AWS4${credentials.secretAccessKey}`, date);
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part);
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  all.authorization =
    `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, ` +
    `SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { method, url, headers: all, body };
}

/** Sends the result to CloudFormation's pre-signed S3 URL, which expects no content type. */
async function respond(event, physicalId, status, reason) {
  const body = JSON.stringify({
    Status: status,
    Reason: reason || `see log stream ${process.env.AWS_LAMBDA_LOG_STREAM_NAME ?? ''}`,
    PhysicalResourceId: physicalId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
  });
  const response = await send({ method: 'PUT', url: new URL(event.ResponseURL), headers: { 'content-type': '' }, body });
  if (response.status !== 200) {
    console.error(`CloudFormation response returned HTTP ${response.status}: ${response.body}`);
  }
}

function send({ method, url, headers, body }) {
  const client = url.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      { method, headers: { ...headers, 'content-length': Buffer.byteLength(body ?? '') }, timeout: 30000 },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode, body: text }));
      },
    );
    request.on('timeout', () => request.destroy(new Error(`timed out after 30 s: ${method} ${url.host}`)));
    request.on('error', reject);
    request.end(body ?? '');
  });
}

function encode(value) {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function sha256Hex(text) {
  return createHash('sha256').update(text).digest('hex');
}

function hmac(key, text) {
  return createHmac('sha256', key).update(text).digest();
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
