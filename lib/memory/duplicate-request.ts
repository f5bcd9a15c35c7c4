/** The body of the Merge and Keep both routes: the two memories of a likely duplicate pair. */
import { z } from "zod";

export const memoryPairSchema = z.strictObject({
  memory_ids: z
    .tuple([z.uuid("must be memory ids"), z.uuid("must be memory ids")], "must be two memory ids")
    .refine(([first, second]) => first !== second, "must be two different memories"),
});
