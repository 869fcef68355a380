/** The workbench's static server: its files, nothing outside its directory, the next free port. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { request } from "node:http";
import { createServer } from "node:net";
import { resolveRequestPath, serveWorkbench } from "../../scripts/serve-workbench";

let dir: string;

function rawStatus(port: number, urlPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: urlPath, method: "GET" }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "workbench-"));
  fs.writeFileSync(path.join(dir, "index.html"), "<!doctype html><title>t</title>");
  fs.writeFileSync(path.join(dir, "app.0123abcd.js"), "console.log(1)");
  fs.mkdirSync(path.join(dir, "samples"));
  fs.writeFileSync(path.join(dir, "samples", "a.xlsx"), Buffer.from([0x50, 0x4b, 3, 4]));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("request paths", () => {
  it("stay inside the served directory", () => {
    expect(resolveRequestPath("/srv", "/")).toBe(path.resolve("/srv/index.html"));
    expect(resolveRequestPath("/srv", "/samples/a.xlsx?x=1")).toBe(
      path.resolve("/srv/samples/a.xlsx"),
    );
    expect(resolveRequestPath("/srv", "/../etc/passwd")).toBeNull();
    expect(resolveRequestPath("/srv", "/%2e%2e/%2e%2e/etc/passwd")).toBeNull();
    expect(resolveRequestPath("/srv", "/a%00b")).toBeNull();
    expect(resolveRequestPath("/srv", "/%E0%A4%A")).toBeNull();
  });
});

describe("the server", () => {
  it("serves the page, scripts and samples with their types, and 404 for the rest", async () => {
    const server = await serveWorkbench({ dir, port: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const page = await fetch(server.url);
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(page.headers.get("cache-control")).toBe("no-store");
      expect(await page.text()).toContain("<title>t</title>");
      const script = await fetch(`${server.url}app.0123abcd.js`);
      expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
      expect(script.headers.get("cache-control")).toMatch(/immutable/);
      const sample = await fetch(`${server.url}samples/a.xlsx`);
      expect(sample.headers.get("content-type")).toMatch(/spreadsheetml/);
      expect(new Uint8Array(await sample.arrayBuffer())).toEqual(
        new Uint8Array([0x50, 0x4b, 3, 4]),
      );
      expect((await fetch(`${server.url}nothing.js`)).status).toBe(404);
      // fetch() would normalise the dots away; a raw request keeps them.
      expect(await rawStatus(server.port, "/%2e%2e/%2e%2e/package.json")).toBe(400);
      expect(await rawStatus(server.port, "/../index.html")).toBe(400);
      expect((await fetch(server.url, { method: "POST" })).status).toBe(405);
    } finally {
      await server.close();
    }
  });

  it("takes the next port when the first is taken", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const server = await serveWorkbench({ dir, port: taken });
      try {
        expect(server.port).toBeGreaterThan(taken);
        expect((await fetch(server.url)).status).toBe(200);
      } finally {
        await server.close();
      }
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it("says to build first where there is no page", async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "workbench-empty-"));
    try {
      await expect(serveWorkbench({ dir: empty, port: 0 })).rejects.toThrow(
        /npm run build:workbench/,
      );
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
