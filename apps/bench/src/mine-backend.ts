/**
 * A backend of one's own, as a user's module would be: the rbtree backend
 * re-exported under another name. `pnpm bench` loads it by path, as
 * `ksm-sim run --backend ./mine.js` would, and shows it scans as fast as
 * `rbtree` with the same counters.
 */
import { rbtreeBackend } from "@ksm-sim/tree-rbtree";

export default { ...rbtreeBackend, name: "mine" };
