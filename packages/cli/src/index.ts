export { BACKENDS } from "./backends.js";
export { main } from "./main.js";
export { progressBar } from "./progress.js";
