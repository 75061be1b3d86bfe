// The refusals of the simulated Optimizer, as facts without a wire shape: which HTTP code, which
// message, which fields. error-answers.ts words them in the shape of the dialect being simulated.

/** One problem FastAPI's request validation finds; worded as pydantic v1 or v2 by the dialect. */
export type FieldProblem =
  | { loc: (string | number)[]; kind: 'missing' }
  | { loc: (string | number)[]; kind: 'enum'; allowed: readonly string[]; input: unknown }
  | { loc: (string | number)[]; kind: 'type'; expected: ExpectedType; input: unknown }
  | { loc: (string | number)[]; kind: 'json'; reason: string }
  | { loc: (string | number)[]; kind: 'range'; bound: 'ge' | 'le'; limit: number; input: unknown };

export type ExpectedType = 'integer' | 'str' | 'bool' | 'dict' | 'list';

/** An application error (FastAPI's HTTPException): an HTTP code and the service's own words. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Signer data the service itself rejects field by field (`{"email":["Enter a valid email address"]}`).
 * A headline, when given, is what the new API says instead of the map (the phone prefix message).
 */
export class FieldErrors extends ApiError {
  constructor(
    readonly fields: Record<string, string[]>,
    readonly headline?: string,
  ) {
    super(400, headline ?? 'Invalid request data');
  }
}

/** FastAPI's RequestValidationError: malformed input, answered 422 before any handler runs. */
export class ValidationError extends Error {
  readonly status = 422;
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.loc.join('.')}: ${p.kind}`).join('; '));
  }
}

export function missingField(where: 'body' | 'query' | 'path', name: string): FieldProblem {
  return { loc: [where, name], kind: 'missing' };
}

export function badEnum(
  where: 'body' | 'query',
  name: string,
  allowed: readonly string[],
  input: unknown,
): FieldProblem {
  return { loc: [where, name], kind: 'enum', allowed, input };
}

export function badType(
  where: 'body' | 'path',
  name: string,
  expected: ExpectedType,
  input: unknown,
): FieldProblem {
  return { loc: [where, name], kind: 'type', expected, input };
}

/** A number outside the bounds a field declares (pydantic's `ge`/`le` constraints). */
export function outOfRange(
  where: 'body',
  name: string,
  bound: 'ge' | 'le',
  limit: number,
  input: unknown,
): FieldProblem {
  return { loc: [where, name], kind: 'range', bound, limit, input };
}

/** A problem found deeper in the body than one field (`body.signature.appearance.page`). */
export const at = (loc: (string | number)[], problem: FieldProblem): FieldProblem => ({ ...problem, loc });

export const notFound = (what: string): ApiError => new ApiError(404, `${what} not found`);
export const invalidStatus = (message = 'Invalid request status'): ApiError => new ApiError(412, message);
