import type { ErrorCatalog } from './vi.ts';

export const errorsZh: ErrorCatalog = {
  codes: {
    VALIDATION_FAILED: '提交的信息无效，请检查标出的字段。',
    NOT_FOUND: '未找到所请求的信息。',
    ROUTE_NOT_FOUND: 'API 中没有此功能。',
    METHOD_NOT_ALLOWED: '不支持此请求方法。',
    RATE_LIMITED: '请求过于频繁，请在 {{seconds}} 秒后重试。',
    PAYLOAD_TOO_LARGE: '提交的数据过大。',
    UNSUPPORTED_MEDIA_TYPE: '不支持此数据格式。',
    UNAUTHORIZED: '请先登录再使用此功能。',
    SERVICE_UNAVAILABLE: '系统暂时不可用，请稍后再试。',
    INTERNAL: '系统发生意外错误，请稍后再试（请求编号 {{requestId}}）。',
  },
  fields: {
    required: '请填写此项。',
    invalidType: '值的类型不正确。',
    invalidValue: '值无效。',
    invalidFormat: '格式无效。',
    tooShort: '至少需要 {{minimum}} 个字符。',
    tooLong: '最多 {{maximum}} 个字符。',
    tooSmall: '值必须不小于 {{minimum}}。',
    tooBig: '值不能大于 {{maximum}}。',
    unknownField: '不支持此字段。',
    provinceCode: '省级代码为 2 位数字。',
    communeCode: '乡级代码为 5 位数字。',
    unknownCommune: '没有此代码的乡级单位。',
    latitudeWithLongitude: '请同时填写纬度和经度。',
    booleanFlag: '只接受 true 或 false。',
  },
};
