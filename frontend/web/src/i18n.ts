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
  legendFixes: '測位数',
  catPopup: '{cat}: {time}',
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
  legendFixes: 'Fixes',
  catPopup: '{cat}: {time}',
};

export const MESSAGES: Record<Language, Record<MessageKey, string>> = { ja, en };

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

/** Picks the stored language, else Japanese. */
export function initialLanguage(stored: string | null): Language {
  return stored === 'en' || stored === 'ja' ? stored : 'ja';
}
