// Must not compile: a plural's param is a number, not a string.
import { detail } from "flux-error-codes";

export const text = detail("ERR_PIN_ATTEMPTS_EXCEEDED", "en", { attempts_left: "3" });
