// A program using the package as a frontend would; `tsc -p tsconfig.json` must accept it.
import {
  CODES,
  type CodeWithDetail,
  type ErrorCode,
  ERROR_CODES,
  detail,
  hint,
  httpStatus,
  isErrorCode,
  isRetryable,
  type Locale,
  message,
} from "flux-error-codes";

// Exhaustive: adding a code to the catalog makes this switch fail to compile.
export function area(code: ErrorCode): string {
  switch (code) {
    case "ERR_QR_UNKNOWN":
    case "ERR_QR_DISABLED":
    case "ERR_QR_EXPIRED":
    case "ERR_QR_MALFORMED":
      return "qr";
    case "ERR_INSUFFICIENT_BALANCE":
    case "ERR_BANK_REFUSAL":
    case "ERR_ISSUER_ACCOUNT_VIOLATION":
    case "ERR_FORBIDDEN_COMMERCE":
    case "ERR_MAX_AMOUNT_EXCEEDED":
    case "ERR_MIN_AMOUNT_SUBCEED":
      return "payment";
    case "ERR_REFERENCE_ALREADY_EXISTS":
    case "ERR_BAD_REQUEST":
    case "ERR_NOT_FOUND":
      return "request";
    case "ERR_UNAUTHORIZED":
    case "ERR_FORBIDDEN":
    case "ERR_PIN_ATTEMPTS_EXCEEDED":
      return "auth";
    case "ERR_NETWORK_TIMEOUT":
    case "ERR_SERVER":
      return "server";
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

export function describe(body: unknown, locale: Locale): string | undefined {
  const code = typeof body === "object" && body !== null && "code" in body ? body.code : undefined;
  if (!isErrorCode(code)) return undefined;
  const status: number = httpStatus(code);
  const retry: boolean = isRetryable(code);
  const tip: string | null = hint(code, locale);
  return `${status} ${message(code, locale)} ${retry ? "(retry)" : ""} ${tip ?? ""}`;
}

export const details: string[] = [
  detail("ERR_MAX_AMOUNT_EXCEEDED", "en", { max_amount: "500.00" }),
  detail("ERR_MIN_AMOUNT_SUBCEED", "es", { min_amount: 1 }),
  detail("ERR_PIN_ATTEMPTS_EXCEEDED", "es", { attempts_left: 2 }),
];

const withDetail: CodeWithDetail = "ERR_MAX_AMOUNT_EXCEEDED";
const expired: "ERR_QR_EXPIRED" = CODES.ERR_QR_EXPIRED.code;
const all: readonly ErrorCode[] = ERROR_CODES;
export { all, expired, withDetail };
