export { BACKENDS } from "./backends.js";
export { main } from "./main.js";
