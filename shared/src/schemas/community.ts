export interface Grid {
  id: string;
  name: string;
}

export interface Partner {
  id: string;
  name: string;
}

export interface ListBody<T> {
  items: T[];
  nextCursor?: string | null;
}

export interface Health {
  ok: true;
  db: "ok";
}
