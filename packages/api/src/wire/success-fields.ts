/** The status fields every successful Device and Measurement response carries (the contract's values). */
export const SUCCESS_FIELDS = Object.freeze({
  ResponseCode: 200,
  ResponseMessage: 'OK',
  Message: '',
  Error: 0,
  ErrorNumber: 0,
  ErrorMessage: '',
});
