// The shared configuration (../vitest.shared.ts): nothing differs here.
export { default } from "../vitest.shared.js";
