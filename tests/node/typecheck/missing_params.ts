// Must not compile: ERR_MAX_AMOUNT_EXCEEDED's detail needs its params.
import { detail } from "flux-error-codes";

export const text = detail("ERR_MAX_AMOUNT_EXCEEDED", "en");
