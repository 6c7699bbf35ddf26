// A free TCP port on 127.0.0.1 for a process a test or the demo starts: the kernel picks one, the
// probe server closes, and the caller binds it (a race another process could win, rare enough here).
import { createServer } from "node:net";

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => {
        resolve(port);
      });
    });
  });
