pub struct BitW {
    pub buf: Vec<u8>,
    cur: u8,
    n: u8,
}

impl BitW {
    pub fn new() -> Self {
        BitW { buf: Vec::new(), cur: 0, n: 0 }
    }

    pub fn put(&mut self, b: bool) {
        self.cur = (self.cur << 1) | b as u8;
        self.n += 1;
        if self.n == 8 {
            self.buf.push(self.cur);
            self.cur = 0;
            self.n = 0;
        }
    }

    pub fn put_n(&mut self, v: u64, w: u8) {
        for i in (0..w).rev() {
            self.put((v >> i) & 1 == 1);
        }
    }

    pub fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.cur <<= 8 - self.n;
            self.buf.push(self.cur);
        }
        self.buf
    }
}

pub struct BitR<'a> {
    d: &'a [u8],
    pos: usize,
}

impl<'a> BitR<'a> {
    pub fn new(d: &'a [u8]) -> Self {
        BitR { d, pos: 0 }
    }

    pub fn get(&mut self) -> Option<bool> {
        let b = *self.d.get(self.pos / 8)?;
        let bit = (b >> (7 - self.pos % 8)) & 1 == 1;
        self.pos += 1;
        Some(bit)
    }

    pub fn get_n(&mut self, w: u8) -> Option<u64> {
        let mut v = 0u64;
        for _ in 0..w {
            v = (v << 1) | self.get()? as u64;
        }
        Some(v)
    }
}
