import { BadRequestException } from '@nestjs/common';

/** 400 in the house shape, naming the query parameter at fault (`param`) and what was expected. */
export class InvalidParameterError extends BadRequestException {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super({ error: { type: 'invalid_request_error', code: 'invalid_parameter', param, message } });
    this.message = message;
  }
}
