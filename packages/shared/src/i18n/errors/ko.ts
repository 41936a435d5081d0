import type { ErrorCatalog } from './vi.ts';

export const errorsKo: ErrorCatalog = {
  codes: {
    VALIDATION_FAILED: '보낸 정보가 올바르지 않습니다. 표시된 항목을 확인해 주세요.',
    NOT_FOUND: '요청한 정보를 찾을 수 없습니다.',
    ROUTE_NOT_FOUND: 'API에 이 기능이 없습니다.',
    METHOD_NOT_ALLOWED: '지원하지 않는 메서드입니다.',
    RATE_LIMITED: '요청이 너무 많습니다. {{seconds}}초 후에 다시 시도해 주세요.',
    PAYLOAD_TOO_LARGE: '보낸 데이터가 너무 큽니다.',
    UNSUPPORTED_MEDIA_TYPE: '지원하지 않는 데이터 형식입니다.',
    UNAUTHORIZED: '이 기능을 사용하려면 로그인해 주세요.',
    SERVICE_UNAVAILABLE: '지금은 시스템을 사용할 수 없습니다. 잠시 후 다시 시도해 주세요.',
    INTERNAL: '예기치 않은 오류가 발생했습니다. 잠시 후 다시 시도해 주세요(요청 ID {{requestId}}).',
  },
  fields: {
    required: '이 항목을 입력해 주세요.',
    invalidType: '값의 형식이 올바르지 않습니다.',
    invalidValue: '올바르지 않은 값입니다.',
    invalidFormat: '형식이 올바르지 않습니다.',
    tooShort: '최소 {{minimum}}자가 필요합니다.',
    tooLong: '최대 {{maximum}}자까지 입력할 수 있습니다.',
    tooSmall: '{{minimum}} 이상이어야 합니다.',
    tooBig: '{{maximum}} 이하여야 합니다.',
    unknownField: '지원하지 않는 항목입니다.',
    provinceCode: '성 코드는 숫자 2자리입니다.',
    communeCode: '사 코드는 숫자 5자리입니다.',
    unknownCommune: '이 코드의 사/방이 없습니다.',
    latitudeWithLongitude: '위도와 경도를 모두 입력해 주세요.',
    booleanFlag: 'true 또는 false만 입력할 수 있습니다.',
  },
};
