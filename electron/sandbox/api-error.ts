// The error answers of the simulated Optimizer: FastAPI's 422 shape for malformed input and the
// application errors the published One-Shot descriptions show ({status:"error", message}).

export interface FieldProblem {
  loc: (string | number)[];
  msg: string;
  type: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Extra keys merged into the JSON body (e.g. a per-field `details` map). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    return { status: 'error', message: this.message, ...this.extra };
  }
}

/** FastAPI's RequestValidationError answer: `{"detail":[{loc,msg,type}]}` with status 422. */
export class ValidationError extends Error {
  readonly status = 422;
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.loc.join('.')}: ${p.msg}`).join('; '));
  }

  body(): Record<string, unknown> {
    return { detail: this.problems };
  }
}

export function missingField(where: 'body' | 'query' | 'path', name: string): FieldProblem {
  return { loc: [where, name], msg: 'field required', type: 'value_error.missing' };
}

export function badEnum(where: 'body' | 'query', name: string, allowed: readonly string[]): FieldProblem {
  return {
    loc: [where, name],
    msg: `value is not a valid enumeration member; permitted: ${allowed.map((a) => `'${a}'`).join(', ')}`,
    type: 'type_error.enum',
  };
}

export function badType(
  where: 'body' | 'path',
  name: string,
  expected: 'integer' | 'str' | 'bool' | 'dict' | 'list',
): FieldProblem {
  const msg = expected === 'str' ? 'str type expected' : `value is not a valid ${expected}`;
  return { loc: [where, name], msg, type: `type_error.${expected}` };
}

export const notFound = (what: string): ApiError => new ApiError(404, `${what} not found`);
export const invalidStatus = (message = 'Invalid request status'): ApiError => new ApiError(412, message);
