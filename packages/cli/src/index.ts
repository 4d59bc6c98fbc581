export { main } from "./main.js";
export { mainAsync } from "./main-async.js";
export { progressBar } from "./progress.js";
