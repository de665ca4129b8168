import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { search, signSearch } from '../../src/search';
import { amzDate, canonicalUri, encodeRfc3986, signRequest } from '../../src/sigv4';

// Expected values from the AWS Signature Version 4 test suite, once published in the AWS General
// Reference, as kept in the bazelbuild/bazel repository under third_party/aws-sig-v4-test-suite:
// the .req, .creq, .sts and .authz files of each case. All cases sign with these credentials,
// region, service and time.
const SUITE = {
  credentials: {
    accessKeyId: 'AKIDEXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  },
  options: {
    region: 'us-east-1',
    service: 'service',
    date: new Date('2015-08-30T12:36:00Z'),
    contentSha256Header: false,
  },
  host: 'example.amazonaws.com',
  sessionToken:
    'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==',
};

const SUITE_CREDENTIAL = 'Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request';

const SUITE_CASES: {
  name: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  signedHeaders: string;
  signature: string;
}[] = [
  {
    name: 'get-vanilla',
    method: 'GET',
    path: '/',
    signedHeaders: 'host;x-amz-date',
    signature: '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
  },
  {
    name: 'post-vanilla',
    method: 'POST',
    path: '/',
    signedHeaders: 'host;x-amz-date',
    signature: '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b',
  },
  {
    name: 'get-unreserved',
    method: 'GET',
    path: '/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
    signedHeaders: 'host;x-amz-date',
    signature: '07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f',
  },
  {
    name: 'get-utf8',
    method: 'GET',
    path: '/ሴ',
    signedHeaders: 'host;x-amz-date',
    signature: '8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85',
  },
  {
    name: 'normalize-path/get-space',
    method: 'GET',
    path: '/example space/',
    signedHeaders: 'host;x-amz-date',
    signature: '652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741',
  },
  {
    name: 'get-header-value-trim',
    method: 'GET',
    path: '/',
    headers: { 'My-Header1': ' value1', 'My-Header2': ' "a   b   c"' },
    signedHeaders: 'host;my-header1;my-header2;x-amz-date',
    signature: 'acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736',
  },
  {
    name: 'post-header-value-case',
    method: 'POST',
    path: '/',
    headers: { 'My-Header1': 'VALUE1' },
    signedHeaders: 'host;my-header1;x-amz-date',
    signature: 'cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d',
  },
  {
    name: 'post-x-www-form-urlencoded',
    method: 'POST',
    path: '/',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'Param1=value1',
    signedHeaders: 'content-type;host;x-amz-date',
    signature: 'ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a',
  },
];

function suiteRequest(testCase: (typeof SUITE_CASES)[number]) {
  return {
    method: testCase.method,
    host: SUITE.host,
    path: testCase.path,
    headers: testCase.headers ?? {},
    body: testCase.body ?? '',
  };
}

describe('sigv4 test suite', () => {
  for (const testCase of SUITE_CASES) {
    it(testCase.name, async () => {
      const signed = await signRequest(suiteRequest(testCase), SUITE.credentials, SUITE.options);
      expect(signed.headers.Authorization).toBe(
        `AWS4-HMAC-SHA256 ${SUITE_CREDENTIAL}, SignedHeaders=${testCase.signedHeaders}, ` +
          `Signature=${testCase.signature}`,
      );
      expect(signed.headers['X-Amz-Date']).toBe('20150830T123600Z');
    });
  }

  it('post-x-www-form-urlencoded creq and sts', async () => {
    const testCase = SUITE_CASES.find((c) => c.name === 'post-x-www-form-urlencoded')!;
    const signed = await signRequest(suiteRequest(testCase), SUITE.credentials, SUITE.options);
    expect(signed.canonicalRequest).toBe(
      'POST\n/\n\ncontent-type:application/x-www-form-urlencoded\nhost:example.amazonaws.com\n' +
        'x-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\n' +
        '9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e',
    );
    expect(signed.stringToSign).toBe(
      'AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n' +
        '42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281',
    );
  });

  it('post-sts-header-before', async () => {
    const signed = await signRequest(
      { method: 'POST', host: SUITE.host, path: '/', headers: {}, body: '' },
      { ...SUITE.credentials, sessionToken: SUITE.sessionToken },
      SUITE.options,
    );
    expect(signed.headers.Authorization).toBe(
      `AWS4-HMAC-SHA256 ${SUITE_CREDENTIAL}, SignedHeaders=host;x-amz-date;x-amz-security-token, ` +
        'Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead',
    );
    expect(signed.headers['X-Amz-Security-Token']).toBe(SUITE.sessionToken);
  });
});

// Expected Authorization values produced once by botocore 1.43.11 (Python): SigV4Auth of
// Credentials with the key, secret and session token below, service es, region ap-northeast-1, and
// add_auth with botocore.auth.get_current_datetime patched to return 2024-06-24 08:30:00, on an
// AWSRequest POST https://<host><path> with the UTF-8 body and the headers Content-Type:
// application/json and X-Amz-Content-SHA256 set to hashlib.sha256(body).
const BOTOCORE = {
  credentials: {
    accessKeyId: 'AKIDEXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE/session+token==',
  },
  date: new Date('2024-06-24T08:30:00Z'),
  credential: 'Credential=AKIDEXAMPLE/20240624/ap-northeast-1/es/aws4_request',
  signedHeaders:
    'SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token',
};

const BOTOCORE_CASES = [
  {
    name: 'cat-fix pattern',
    index: 'cat-data-cat-fix-*',
    host: 'dashboards.example.com',
    body: '{"size":1000,"query":{"bool":{"filter":[{"term":{"cat_id":"たま"}}]}},"sort":[{"observed_at":"asc"}]}',
    signature: '6d28a256b3bea4bb1f42713e421bf2ab74fc144976bfdca2d2bc208833a2cb14',
  },
  {
    name: 'cat-latest',
    index: 'cat-data-cat-latest',
    host: 'dashboards.example.com',
    body: '{"size":500,"query":{"match_all":{}},"sort":[{"cat_id":"asc"}],"track_total_hits":true}',
    signature: '71b213a30ef77e6362e919ca69d23579f04e0c1bc24504e8daf57907b21e8b6f',
  },
  {
    name: 'host with port',
    index: 'cat-data-rejected-*',
    host: 'dashboards.example.com:8443',
    body: '{"size":0}',
    signature: '04141b1d3f545c9ed1098f7347c030c5854f961b053ee9a4d3c43326f47f0e36',
  },
];

describe('sigv4 search against botocore', () => {
  for (const testCase of BOTOCORE_CASES) {
    it(testCase.name, async () => {
      const headers = await signSearch(
        testCase.index,
        testCase.body,
        BOTOCORE.credentials,
        'ap-northeast-1',
        testCase.host,
        BOTOCORE.date,
      );
      expect(headers.Authorization).toBe(
        `AWS4-HMAC-SHA256 ${BOTOCORE.credential}, ${BOTOCORE.signedHeaders}, ` +
          `Signature=${testCase.signature}`,
      );
      expect(headers['X-Amz-Date']).toBe('20240624T083000Z');
      expect(headers['X-Amz-Security-Token']).toBe(BOTOCORE.credentials.sessionToken);
      expect(headers['X-Amz-Content-Sha256']).toBe(
        createHash('sha256').update(testCase.body, 'utf8').digest('hex'),
      );
      expect(headers['Content-Type']).toBe('application/json');
    });
  }

  describe('search request', () => {
    afterEach(() => {
      vi.useRealTimers();
      vi.unstubAllGlobals();
    });

    it('sends botocore signature', async () => {
      const testCase = BOTOCORE_CASES.find((c) => c.name === 'cat-latest')!;
      const sent: { url: string; init: RequestInit }[] = [];
      vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
        sent.push({ url, init });
        return new Response('{"hits":{"hits":[]}}', { status: 200 });
      });
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(BOTOCORE.date);

      await search(
        '/api/search',
        'cat-data-cat-latest',
        { size: 500, query: { match_all: {} }, sort: [{ cat_id: 'asc' }], track_total_hits: true },
        {
          type: 'sigv4',
          credentials: BOTOCORE.credentials,
          region: 'ap-northeast-1',
          host: testCase.host,
        },
      );

      expect(sent).toHaveLength(1);
      expect(sent[0].url).toBe('/api/search/cat-data-cat-latest');
      expect(sent[0].init.body).toBe(testCase.body);
      const headers = sent[0].init.headers as Record<string, string>;
      expect(headers.Authorization).toBe(
        `AWS4-HMAC-SHA256 ${BOTOCORE.credential}, ${BOTOCORE.signedHeaders}, ` +
          `Signature=${testCase.signature}`,
      );
    });
  });

  it('search headers omit host', async () => {
    const headers = await signSearch(
      'cat-data-cat-latest',
      '{}',
      BOTOCORE.credentials,
      'ap-northeast-1',
      'dashboards.example.com',
      BOTOCORE.date,
    );
    expect(Object.keys(headers).map((name) => name.toLowerCase())).not.toContain('host');
  });
});

describe('sigv4 parts', () => {
  it('encodes reserved characters', () => {
    expect(encodeRfc3986('*')).toBe('%2A');
    expect(encodeRfc3986(',')).toBe('%2C');
    expect(encodeRfc3986("!'()")).toBe('%21%27%28%29');
    expect(encodeRfc3986(' ')).toBe('%20');
    expect(encodeRfc3986('/')).toBe('%2F');
  });

  it('keeps unreserved characters', () => {
    const unreserved = 'AZaz09-_.~';
    expect(encodeRfc3986(unreserved)).toBe(unreserved);
  });

  it('canonical uri of index pattern', () => {
    expect(canonicalUri('/cat-data-cat-fix-*/_search')).toBe('/cat-data-cat-fix-%2A/_search');
    expect(canonicalUri('/a,b/_search')).toBe('/a%2Cb/_search');
  });

  it('canonical uri needs leading slash', () => {
    expect(() => canonicalUri('cat-data-cat-latest/_search')).toThrow(/must start with "\/"/);
  });

  it('amz date drops milliseconds', () => {
    expect(amzDate(new Date('2024-01-02T03:04:05.678Z'))).toBe('20240102T030405Z');
  });

  it('duplicate header rejected', async () => {
    const request = {
      method: 'POST',
      host: SUITE.host,
      path: '/',
      headers: { 'Content-Type': 'a', 'content-type': 'b' },
      body: '',
    };
    await expect(signRequest(request, SUITE.credentials, SUITE.options)).rejects.toThrow(
      /content-type is given twice/,
    );
  });
});
