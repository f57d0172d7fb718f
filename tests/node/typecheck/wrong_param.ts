// Must not compile: ERR_MAX_AMOUNT_EXCEEDED's detail takes `max_amount`, not `min_amount`.
import { detail } from "flux-error-codes";

export const text = detail("ERR_MAX_AMOUNT_EXCEEDED", "en", { min_amount: "1.00" });
