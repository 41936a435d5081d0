import type { ErrorCatalog } from './vi.ts';

export const errorsJa: ErrorCatalog = {
  codes: {
    VALIDATION_FAILED: '送信された情報に誤りがあります。印の付いた項目を確認してください。',
    NOT_FOUND: 'お探しの情報は見つかりませんでした。',
    ROUTE_NOT_FOUND: 'この機能は API にありません。',
    METHOD_NOT_ALLOWED: 'このメソッドには対応していません。',
    RATE_LIMITED: 'リクエストが多すぎます。{{seconds}} 秒後にもう一度お試しください。',
    PAYLOAD_TOO_LARGE: '送信されたデータが大きすぎます。',
    UNSUPPORTED_MEDIA_TYPE: 'このデータ形式には対応していません。',
    UNAUTHORIZED: 'この機能を使うにはログインしてください。',
    SERVICE_UNAVAILABLE: 'システムは現在ご利用いただけません。しばらくしてからお試しください。',
    INTERNAL: '予期しないエラーが発生しました。しばらくしてからお試しください（リクエスト ID {{requestId}}）。',
  },
  fields: {
    required: 'この項目を入力してください。',
    invalidType: '値の型が正しくありません。',
    invalidValue: '値が正しくありません。',
    invalidFormat: '形式が正しくありません。',
    tooShort: '{{minimum}} 文字以上必要です。',
    tooLong: '{{maximum}} 文字以内で入力してください。',
    tooSmall: '{{minimum}} 以上の値を入力してください。',
    tooBig: '{{maximum}} 以下の値を入力してください。',
    unknownField: 'この項目には対応していません。',
    provinceCode: '省コードは 2 桁の数字です。',
    communeCode: '社コードは 5 桁の数字です。',
    unknownCommune: 'このコードの社・坊はありません。',
    latitudeWithLongitude: '緯度と経度の両方を入力してください。',
    booleanFlag: 'true または false のみ指定できます。',
  },
};
