// Must not compile: a switch that forgets ERR_SERVER is not exhaustive.
import type { ErrorCode } from "flux-error-codes";

export function area(code: ErrorCode): string {
  switch (code) {
    case "ERR_QR_UNKNOWN":
    case "ERR_QR_DISABLED":
    case "ERR_QR_EXPIRED":
    case "ERR_QR_MALFORMED":
    case "ERR_INSUFFICIENT_BALANCE":
    case "ERR_BANK_REFUSAL":
    case "ERR_ISSUER_ACCOUNT_VIOLATION":
    case "ERR_FORBIDDEN_COMMERCE":
    case "ERR_MAX_AMOUNT_EXCEEDED":
    case "ERR_MIN_AMOUNT_SUBCEED":
    case "ERR_REFERENCE_ALREADY_EXISTS":
    case "ERR_BAD_REQUEST":
    case "ERR_NOT_FOUND":
    case "ERR_UNAUTHORIZED":
    case "ERR_FORBIDDEN":
    case "ERR_PIN_ATTEMPTS_EXCEEDED":
    case "ERR_NETWORK_TIMEOUT":
      return "known";
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}
