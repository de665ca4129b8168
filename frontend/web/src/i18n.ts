// Labels of the page in Japanese (the default) and English.

export type Language = 'ja' | 'en';

export const LANGUAGES: Language[] = ['ja', 'en'];

const ja = {
  title: '地域猫マップ',
  language: '言語',
  signIn: 'サインイン',
  signOut: 'サインアウト',
  signedIn: 'サインイン済み',
  noSignIn: '開発モード: サインインなし',
  signInRequired: '地図のデータを見るにはサインインしてください。',
  layerLatest: '最新位置',
  layerDensity: '密度',
  layerTrack: '軌跡と行動圏',
  layerRejected: '除外レコード',
  catsShown: '{count} 匹の最新位置',
  catsTruncated: '表示は {shown} 匹まで (全 {total} 匹)',
  densityDay: '日付',
  densityWindow: 'ウィンドウ',
  noWindows: 'この日の密度ウィンドウはありません',
  cellsShown: '{count} セル (geohash)',
  cellTooltip: 'セル {cell}: {fixes} 測位, {cats} 匹',
  cat: '猫',
  day: '日付 (現地)',
  noDays: 'この猫の日別データはありません',
  dayOption: '{date} ({fixes} 測位)',
  trackShown: '{count} 測位, 移動距離 {distance} m',
  trackTruncated: '表示は {shown} 測位まで (全 {total})',
  homeRange: '行動圏: MCP {area} m², 回転半径 {radius} m',
  mcp: '最小凸多角形 (MCP)',
  radiusOfGyration: '回転半径の円',
  rejectedTotal: 'ライブインデックスの除外レコード: {count} 件',
  noRejected: 'ライブインデックスに除外レコードはありません',
  rejectedReason: '理由',
  rejectedCount: '件数',
  rejectedSource:
    '除外レコードの原文は Parquet の rejected テーブルにあります。Athena の名前付きクエリ rejected_per_reason_day で理由別・日別に数えられます。',
  acceptedInWindow: '選択ウィンドウの受理測位: {count}',
  tilesFailed: '背景地図タイルを読み込めません。データレイヤーは表示されます。',
  loading: '読み込み中…',
  errorSearch: '検索に失敗しました ({index}): {message}',
  errorNoAccess:
    'このアカウントには、この自治体のデータを見る権限がありません。管理者に自治体グループへの登録を依頼してください。({detail})',
  signInExpired: 'サインインの有効期限が切れました。もう一度サインインしてください。',
  errorConfig: '設定エラー: {message}',
  errorSignIn: 'サインインエラー: {message}',
  errorUnexpected: 'エラー: {message}',
  errorLoad: '読み込みに失敗しました: {message}',
  noIndex:
    'インデックス {index} はまだありません。ジョブはこのプレフィックスでまだデータを書き込んでいません。書き込み済みなら、config.json の indexPrefix がジョブの opensearch.index-prefix と一致しているか確認してください。',
  noRejectedIndex:
    '除外レコードのインデックス {index} はまだありません。ジョブがこのプレフィックスでレコードを 1 件も除外していないか、まだデータを書き込んでいません。',
  legendFixes: '測位数',
  catPopup: '{cat}: {time}',
  signInDenied:
    'ホストされた UI が {error} を返しました ({description})。もう一度サインインするか、管理者にアカウントの確認を依頼してください。',
  signInStateMismatch:
    'ホストされた UI から返された state が、このタブで送ったものと一致しません。もう一度サインインしてください。',
  signInTokenFailed:
    'トークンエンドポイントが HTTP {status} を返しました ({body})。もう一度サインインしてください。',
  configUnreachable:
    'config.json を読み込めません ({detail})。ページのサーバーが動いているか確認してください。',
  configNotFound:
    'index.html と同じ場所に config.json がなく (HTTP 404)、既定値では動きません: {detail} デプロイの config.json を置いてください。',
  configHttp:
    'config.json の読み込みが HTTP {status} で失敗しました。index.html と同じ場所に config.json が置かれているか確認してください。',
  configInvalidJson:
    'config.json が正しい JSON ではありません: {detail}。サーバー上のファイルを修正してください。',
  configRootNotObject:
    'config.json の中身が JSON オブジェクトではありません。設定を 1 つのオブジェクトとして書いてください。',
  configNotObject:
    'config.json の {key} が {value} です。JSON オブジェクトにするか、キーを削除して既定値を使ってください。',
  configNotString:
    'config.json の {key} が {value} です。文字列にするか、キーを削除して既定値を使ってください。',
  configNotNumber:
    'config.json の {key} が {value} です。0 以上の数値にするか、キーを削除して既定値を使ってください。',
  configNotLatLon:
    'config.json の {key} が {value} です。[緯度, 経度] の 2 つの数値 (例: [35.7125, 139.78]) にするか、キーを削除して既定値を使ってください。',
  configNotStringArray:
    'config.json の {key} が {value} です。文字列の配列にするか、キーを削除して既定値を使ってください。',
  configEmpty:
    'config.json の {key} が空です。値を設定するか、キーを削除して既定値 {default} を使ってください。',
  configInvalidValue: 'config.json の {key} が {value} です。{allowed} のいずれかにしてください。',
  configIndexPrefix:
    'config.json の indexPrefix {value} はジョブが受け付けるプレフィックスではありません。ジョブの opensearch.index-prefix (英小文字・数字・"-"・"_" で、英小文字か数字で始まる) にしてください。',
  configTimeZone:
    'config.json の timeZone {value} は IANA のタイムゾーンではありません。ジョブの time-zone (例: Asia/Tokyo) にしてください。',
  configAuthMode:
    'config.json の auth.mode が {value} です。"cognito" (ユーザープールでサインイン) か "none" (サインインなしのローカルノード) にしてください。',
  configDomainEmpty:
    'config.json の auth.cognito.domain が空です。ユーザープールのドメイン (例: https://example.auth.ap-northeast-1.amazoncognito.com) にするか、サインインなしのローカルノードなら auth.mode を "none" にしてください。',
  configDomainInvalid:
    'config.json の auth.cognito.domain {value} は https の URL ではありません。ユーザープールのドメイン (例: https://example.auth.ap-northeast-1.amazoncognito.com) にしてください。',
  configRedirectUri:
    'config.json の auth.cognito.redirectUri {value} は http または https の URL ではありません。アプリクライアントのコールバック URL (例: https://<host>/map/) にするか、空にしてページ自身の URL を使ってください。',
  configScopesOpenid:
    'config.json の auth.cognito.scopes {value} に "openid" がないため、サインインで ID トークンが返されません。"openid" を加えてください。',
  configSearchSigning:
    'config.json の auth.cognito.searchSigning が {value} です。"sigv4" (ID プールの認証情報で検索に署名) か "bearer" (サインインのトークンをプロキシに送る) にしてください。',
  configRegionEmpty:
    'config.json の auth.cognito.region が空です。ユーザープールと ID プールのリージョン (例: ap-northeast-1) にしてください。',
  configUserPoolIdEmpty:
    'config.json の auth.cognito.userPoolId が空です。ユーザープール ID (例: {region}_AbCdEf123) にするか、auth.cognito.searchSigning を "bearer" にしてください。',
  configIdentityPoolIdEmpty:
    'config.json の auth.cognito.identityPoolId が空です。ID プール ID (例: {region}:0c6a7f5e-1b2d-4c3e-8f9a-0123456789ab) にするか、auth.cognito.searchSigning を "bearer" にしてください。',
  configUserPoolRegion:
    'auth.cognito.userPoolId "{id}" は auth.cognito.region {region} のものではありません。両方をユーザープールの値にしてください。',
  configIdentityPoolRegion:
    'auth.cognito.identityPoolId "{id}" は auth.cognito.region {region} のものではありません。両方を ID プールの値にしてください。',
} as const;

export type MessageKey = keyof typeof ja;

const en: Record<MessageKey, string> = {
  title: 'Community cat map',
  language: 'Language',
  signIn: 'Sign in',
  signOut: 'Sign out',
  signedIn: 'Signed in',
  noSignIn: 'Development mode: no sign-in',
  signInRequired: 'Sign in to see the map data.',
  layerLatest: 'Latest positions',
  layerDensity: 'Density',
  layerTrack: 'Track and home range',
  layerRejected: 'Rejected records',
  catsShown: 'latest positions of {count} cats',
  catsTruncated: 'showing {shown} of {total} cats',
  densityDay: 'Date',
  densityWindow: 'Window',
  noWindows: 'No density windows on this date',
  cellsShown: '{count} cells (geohash)',
  cellTooltip: 'Cell {cell}: {fixes} fixes, {cats} cats',
  cat: 'Cat',
  day: 'Local date',
  noDays: 'No daily movement for this cat',
  dayOption: '{date} ({fixes} fixes)',
  trackShown: '{count} fixes, distance {distance} m',
  trackTruncated: 'showing {shown} of {total} fixes',
  homeRange: 'Home range: MCP {area} m², radius of gyration {radius} m',
  mcp: 'Minimum convex polygon (MCP)',
  radiusOfGyration: 'Radius of gyration circle',
  rejectedTotal: 'Rejected records in the live indices: {count}',
  noRejected: 'No rejected records in the live indices',
  rejectedReason: 'Reason',
  rejectedCount: 'Count',
  rejectedSource:
    'The raw records are in the Parquet table rejected. The Athena named query rejected_per_reason_day counts them per reason and day.',
  acceptedInWindow: 'Accepted fixes in the chosen window: {count}',
  tilesFailed: 'Base map tiles cannot be loaded. The data layers still show.',
  loading: 'Loading…',
  errorSearch: 'Search failed ({index}): {message}',
  errorNoAccess:
    "Your account has no access to this municipality's data. Ask an administrator to add you to your municipality's group. ({detail})",
  signInExpired: 'Your sign-in has expired. Sign in again.',
  errorConfig: 'Configuration error: {message}',
  errorSignIn: 'Sign-in error: {message}',
  errorUnexpected: 'Error: {message}',
  errorLoad: 'Loading failed: {message}',
  noIndex:
    "No index {index} yet: the job has not written any data for this prefix. If it has, check that indexPrefix in config.json is the job's opensearch.index-prefix.",
  noRejectedIndex:
    'No rejected-record index {index} yet: the job has rejected no record under this prefix, or has not written any data yet.',
  legendFixes: 'Fixes',
  catPopup: '{cat}: {time}',
  signInDenied:
    'the hosted UI returned {error} ({description}). Sign in again, or ask an administrator to check your account.',
  signInStateMismatch:
    'the state returned by the hosted UI does not match the one this tab sent. Sign in again.',
  signInTokenFailed: 'the token endpoint returned HTTP {status} ({body}). Sign in again.',
  configUnreachable:
    'config.json cannot be loaded ({detail}). Check that the server of the page is running.',
  configNotFound:
    "config.json is not beside index.html (HTTP 404), and the defaults do not work: {detail} Put the deployment's config.json there.",
  configHttp:
    'loading config.json failed with HTTP {status}. Check that config.json is served beside index.html.',
  configInvalidJson: 'config.json is not valid JSON: {detail}. Fix the file on the server.',
  configRootNotObject:
    'config.json does not contain a JSON object. Write the settings as one object.',
  configNotObject:
    '{key} is {value} in config.json, but it must be a JSON object. Fix it, or remove the key to use the defaults.',
  configNotString:
    '{key} is {value} in config.json, but it must be a string. Fix it, or remove the key to use the default.',
  configNotNumber:
    '{key} is {value} in config.json, but it must be a number of 0 or more. Fix it, or remove the key to use the default.',
  configNotLatLon:
    '{key} is {value} in config.json, but it must be two numbers [latitude, longitude], such as [35.7125, 139.78]. Fix it, or remove the key to use the default.',
  configNotStringArray:
    '{key} is {value} in config.json, but it must be an array of strings. Fix it, or remove the key to use the default.',
  configEmpty:
    '{key} is empty in config.json. Set it, or remove the key to use the default {default}.',
  configInvalidValue: '{key} is {value} in config.json. Set it to one of {allowed}.',
  configIndexPrefix:
    'indexPrefix is {value} in config.json, which is not a prefix the job accepts. Set it to the job\'s opensearch.index-prefix: lower-case letters, digits, "-" and "_", starting with a letter or digit.',
  configTimeZone:
    "timeZone is {value} in config.json, which is not an IANA time zone. Set it to the job's time-zone, such as Asia/Tokyo.",
  configAuthMode:
    'auth.mode is {value} in config.json. Set it to "cognito" (sign-in with the user pool) or "none" (a local node without sign-in).',
  configDomainEmpty:
    'auth.cognito.domain is empty in config.json. Set it to the user pool domain, such as https://example.auth.ap-northeast-1.amazoncognito.com, or set auth.mode to "none" for a local node without sign-in.',
  configDomainInvalid:
    'auth.cognito.domain is {value} in config.json, which is not an https URL. Set it to the user pool domain, such as https://example.auth.ap-northeast-1.amazoncognito.com.',
  configRedirectUri:
    "auth.cognito.redirectUri is {value} in config.json, which is not an http or https URL. Set it to a callback URL of the app client, such as https://<host>/map/, or leave it empty to use the page's URL.",
  configScopesOpenid:
    'auth.cognito.scopes is {value} in config.json, without "openid", so sign-in returns no ID token. Add "openid".',
  configSearchSigning:
    'auth.cognito.searchSigning is {value} in config.json. Set it to "sigv4" (searches signed with identity pool credentials) or "bearer" (sign-in token sent to a proxy).',
  configRegionEmpty:
    'auth.cognito.region is empty in config.json. Set it to the region of the user pool and the identity pool, such as ap-northeast-1.',
  configUserPoolIdEmpty:
    'auth.cognito.userPoolId is empty in config.json. Set it to the user pool ID, such as {region}_AbCdEf123, or set auth.cognito.searchSigning to "bearer".',
  configIdentityPoolIdEmpty:
    'auth.cognito.identityPoolId is empty in config.json. Set it to the identity pool ID, such as {region}:0c6a7f5e-1b2d-4c3e-8f9a-0123456789ab, or set auth.cognito.searchSigning to "bearer".',
  configUserPoolRegion:
    'auth.cognito.userPoolId "{id}" is not in auth.cognito.region {region}. Set both to the user pool\'s values.',
  configIdentityPoolRegion:
    'auth.cognito.identityPoolId "{id}" is not in auth.cognito.region {region}. Set both to the identity pool\'s values.',
};

export const MESSAGES: Record<Language, Record<MessageKey, string>> = { ja, en };

/**
 * A label key with its parameters, kept untranslated so that the page can render it again in the
 * other language. A parameter may itself be a Message, such as the detail of a configuration error.
 */
export interface Message {
  key: MessageKey;
  params?: Record<string, string | number | Message>;
}

/** Returns the label of a key with each {name} replaced by its parameter. */
export function translate(
  language: Language,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  return MESSAGES[language][key].replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

/** Returns the text of a message, translating nested messages among its parameters first. */
export function translateMessage(language: Language, message: Message): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(message.params ?? {})) {
    params[name] = typeof value === 'object' ? translateMessage(language, value) : value;
  }
  return translate(language, message.key, params);
}

/** Picks the stored language, else Japanese. */
export function initialLanguage(stored: string | null): Language {
  return stored === 'en' || stored === 'ja' ? stored : 'ja';
}
