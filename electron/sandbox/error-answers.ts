// Words a refusal in the shape of the dialect being simulated. The HTTP code is the published one
// everywhere except where the old API is known to have answered otherwise (bad fields as a 500).
import { STATUS_CODES } from 'node:http';
import {
  FieldErrors,
  ValidationError,
  type ApiError,
  type ExpectedType,
  type FieldProblem,
} from './api-error';
import type { SandboxDialect } from './dialect';

export interface ErrorAnswer {
  status: number;
  body: unknown;
}

export const statusLine = (status: number): string => `${status} ${STATUS_CODES[status] ?? 'Error'}`;

/** An application error's body: FastAPI's HTTPException, the old API's status line, or status/message. */
export function errorBody(dialect: SandboxDialect, status: number, message: unknown): unknown {
  if (dialect === 'legacy') return { status: statusLine(status), details: message };
  if (dialect === 'status-message') return { status: 'error', message };
  return { detail: message };
}

/**
 * Answers the framework gives before any handler runs (unknown path, wrong method). Only the old,
 * non-FastAPI Optimizer words them differently.
 */
export function routingErrorBody(dialect: SandboxDialect, status: number, message: string): unknown {
  return dialect === 'legacy' ? errorBody(dialect, status, message) : { detail: message };
}

export function errorAnswer(dialect: SandboxDialect, error: ApiError | ValidationError): ErrorAnswer {
  if (error instanceof ValidationError) return validationAnswer(dialect, error.problems);
  if (error instanceof FieldErrors) return fieldErrorsAnswer(dialect, error);
  return { status: error.status, body: errorBody(dialect, error.status, error.message) };
}

function fieldErrorsAnswer(dialect: SandboxDialect, error: FieldErrors): ErrorAnswer {
  switch (dialect) {
    case 'legacy':
      // Published for the old API: the serializer's map, bare, with a 500.
      return { status: 500, body: error.fields };
    case 'status-message':
      return {
        status: 400,
        body: error.headline
          ? { status: 'error', message: error.headline }
          : { status: 'error', message: error.message, details: error.fields },
      };
    default:
      return { status: 400, body: { detail: error.headline ?? error.fields } };
  }
}

function validationAnswer(dialect: SandboxDialect, problems: FieldProblem[]): ErrorAnswer {
  if (dialect === 'legacy') {
    // The old API listed "missing parameter" among its 400s; it had no FastAPI 422.
    const missing = problems.filter((p) => p.kind === 'missing').map(fieldName);
    const invalid = problems.filter((p) => p.kind !== 'missing').map(fieldName);
    const parts = [];
    if (missing.length > 0) parts.push(`Missing parameter: ${missing.join(', ')}`);
    if (invalid.length > 0) parts.push(`Invalid parameter: ${invalid.join(', ')}`);
    return { status: 400, body: errorBody(dialect, 400, parts.join('; ')) };
  }
  const word = dialect === 'fastapi-v2' ? pydanticV2 : pydanticV1;
  return { status: 422, body: { detail: problems.map(word) } };
}

const fieldName = (p: FieldProblem): string =>
  p.kind === 'json' ? 'body (not valid JSON)' : p.loc.slice(1).join('.') || String(p.loc[0]);

const quoted = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

function pydanticV1(p: FieldProblem): Record<string, unknown> {
  switch (p.kind) {
    case 'missing':
      return { loc: p.loc, msg: 'field required', type: 'value_error.missing' };
    case 'enum':
      return {
        loc: p.loc,
        msg: `value is not a valid enumeration member; permitted: ${quoted(p.allowed)}`,
        type: 'type_error.enum',
      };
    case 'type':
      return {
        loc: p.loc,
        msg: p.expected === 'str' ? 'str type expected' : `value is not a valid ${p.expected}`,
        type: `type_error.${p.expected}`,
      };
    case 'json':
      return { loc: p.loc, msg: `Expecting value: ${p.reason}`, type: 'value_error.jsondecode' };
    case 'range':
      return {
        loc: p.loc,
        msg: `ensure this value is ${p.bound === 'le' ? 'less' : 'greater'} than or equal to ${p.limit}`,
        type: `value_error.number.not_${p.bound}`,
        ctx: { limit_value: p.limit },
      };
  }
}

/** pydantic v2 names, messages and the offending input, as FastAPI ≥ 0.100 answers them. */
function pydanticV2(p: FieldProblem): Record<string, unknown> {
  switch (p.kind) {
    case 'missing':
      return { type: 'missing', loc: p.loc, msg: 'Field required', input: null };
    case 'enum': {
      const head = p.allowed.slice(0, -1).map((v) => `'${v}'`);
      const expected =
        head.length > 0 ? `${head.join(', ')} or '${p.allowed.at(-1) ?? ''}'` : quoted(p.allowed);
      return {
        type: 'enum',
        loc: p.loc,
        msg: `Input should be ${expected}`,
        input: p.input,
        ctx: { expected },
      };
    }
    case 'type': {
      const [type, msg] = v2TypeWords(p.expected, typeof p.input === 'string');
      return { type, loc: p.loc, msg, input: p.input };
    }
    case 'json':
      return {
        type: 'json_invalid',
        loc: p.loc,
        msg: 'JSON decode error',
        input: {},
        ctx: { error: p.reason },
      };
    case 'range':
      return {
        type: p.bound === 'le' ? 'less_than_equal' : 'greater_than_equal',
        loc: p.loc,
        msg: `Input should be ${p.bound === 'le' ? 'less' : 'greater'} than or equal to ${p.limit}`,
        input: p.input,
        ctx: { [p.bound]: p.limit },
      };
  }
}

function v2TypeWords(expected: ExpectedType, fromText: boolean): [string, string] {
  switch (expected) {
    case 'integer':
      return fromText
        ? ['int_parsing', 'Input should be a valid integer, unable to parse string as an integer']
        : ['int_type', 'Input should be a valid integer'];
    case 'bool':
      return fromText
        ? ['bool_parsing', 'Input should be a valid boolean, unable to interpret input']
        : ['bool_type', 'Input should be a valid boolean'];
    case 'dict':
      return ['dict_type', 'Input should be a valid dictionary'];
    case 'list':
      return ['list_type', 'Input should be a valid list'];
    default:
      return ['string_type', 'Input should be a valid string'];
  }
}

/** The answer to an error no route expected: logged in full, answered in the dialect's words. */
export function internalErrorAnswer(dialect: SandboxDialect): ErrorAnswer {
  return { status: 500, body: errorBody(dialect, 500, 'Internal Server Error') };
}
