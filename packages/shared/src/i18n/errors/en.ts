import type { ErrorCatalog } from './vi.ts';

export const errorsEn: ErrorCatalog = {
  codes: {
    VALIDATION_FAILED: 'Some of the information sent is not valid. Please check the marked fields.',
    NOT_FOUND: 'The requested information was not found.',
    ROUTE_NOT_FOUND: 'The API has no such function.',
    METHOD_NOT_ALLOWED: 'This method is not supported.',
    RATE_LIMITED: 'Too many requests. Please try again in {{seconds}} seconds.',
    PAYLOAD_TOO_LARGE: 'The data sent is too large.',
    UNSUPPORTED_MEDIA_TYPE: 'This data format is not supported.',
    UNAUTHORIZED: 'Please sign in to use this function.',
    SERVICE_UNAVAILABLE: 'The system is not ready at the moment. Please try again later.',
    INTERNAL: 'Something went wrong on our side. Please try again later (request id {{requestId}}).',
  },
  fields: {
    required: 'Please fill in this field.',
    invalidType: 'This value has the wrong type.',
    invalidValue: 'This value is not valid.',
    invalidFormat: 'This format is not valid.',
    tooShort: 'At least {{minimum}} characters are needed.',
    tooLong: 'At most {{maximum}} characters are allowed.',
    tooSmall: 'The value must be {{minimum}} or more.',
    tooBig: 'The value must not be more than {{maximum}}.',
    unknownField: 'This field is not supported.',
    provinceCode: 'A province code has 2 digits.',
    communeCode: 'A commune code has 5 digits.',
    unknownCommune: 'There is no commune with this code.',
    latitudeWithLongitude: 'Give both latitude and longitude.',
    booleanFlag: 'Only true or false is accepted.',
  },
};
