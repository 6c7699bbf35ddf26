import { startApiProcess } from "@fil-rouge/api/process";

export const API_TOKEN = "monitoring-test-token-0123456789";

/** The built API (turbo builds it first: @fil-rouge/api is a dependency), on PGlite, faults on. */
export const startApi = () => startApiProcess({ API_TOKEN });
