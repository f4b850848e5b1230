export function requireAuth(req: Request, res: Response, next: NextFunction) {
  const header = req.headers.authorization;
  if (!header || !header.startsWith("Bearer ")) {
    return res.status(401).json({ error: "Missing or malformed Authorization header" });
  }

  const token = header.slice("Bearer ".length).trim();
  try {
    req.user = verifyToken(token);
  } catch (err) {
    const message = err instanceof TokenExpiredError ? "Token expired" : "Invalid token";
    return res.status(401).json({ error: message });
  }
  next();
}
