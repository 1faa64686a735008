/** Errors shaped like OfficeExtension.Error: a code from Excel.ErrorCodes / OfficeExtension.ErrorCodes, a message, debugInfo. */
export class FakeExcelError extends Error {
  override readonly name = 'RichApi.Error';
  readonly debugInfo: { code: string; message: string; errorLocation: string };
  constructor(
    readonly code: string,
    message: string,
    errorLocation = '',
  ) {
    super(message);
    this.debugInfo = { code, message, errorLocation };
  }
}

export const notLoaded = (property: string): FakeExcelError =>
  new FakeExcelError(
    'PropertyNotLoaded',
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    property,
  );

export const notFound = (what: string, location: string): FakeExcelError =>
  new FakeExcelError('ItemNotFound', `The requested resource doesn't exist. (${what})`, location);

export const invalidArgument = (why: string, location: string): FakeExcelError =>
  new FakeExcelError('InvalidArgument', `The argument is invalid or missing or has an incorrect format. (${why})`, location);

export const invalidOperation = (why: string, location: string): FakeExcelError =>
  new FakeExcelError('InvalidOperation', `This operation is not permitted for the current object. (${why})`, location);
