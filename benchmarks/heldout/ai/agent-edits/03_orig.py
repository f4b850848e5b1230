# settings loader for the ingest worker.
# reads an ini file, fills in defaults, and hands back a plain object.
import configparser
import os
import logging

log = logging.getLogger(__name__)

DEFAULTS = {
    'db': {
        'host': 'localhost',
        'port': '5432',
        'name': 'ingest',
        'user': 'ingest',
        'password': '',
        'pool': '5',
    },
    'worker': {
        'concurrency': '4',
        'batch': '500',
        'poll_secs': '2.0',
        'dry_run': 'no',
    },
    'log': {
        'level': 'info',
        'file': '',
    },
}

SEARCH = [
    '/etc/ingest/ingest.ini',
    os.path.expanduser('~/.config/ingest.ini'),
    'ingest.ini',
]


class Settings(object):
    def __init__(self, cp):
        self._cp = cp
        self.db_host = cp.get('db', 'host')
        self.db_port = cp.getint('db', 'port')
        self.db_name = cp.get('db', 'name')
        self.db_user = cp.get('db', 'user')
        self.db_password = cp.get('db', 'password')
        self.db_pool = cp.getint('db', 'pool')
        self.concurrency = cp.getint('worker', 'concurrency')
        self.batch = cp.getint('worker', 'batch')
        self.poll_secs = cp.getfloat('worker', 'poll_secs')
        self.dry_run = cp.getboolean('worker', 'dry_run')
        self.log_level = cp.get('log', 'level').upper()
        self.log_file = cp.get('log', 'file') or None

    def dsn(self):
        pw = ''
        if self.db_password:
            pw = ':' + self.db_password
        return 'postgresql://%s%s@%s:%d/%s' % (self.db_user, pw, self.db_host, self.db_port, self.db_name)

    def __repr__(self):
        # dont print the password
        return '<Settings db=%s@%s:%s/%s workers=%d batch=%d>' % (
            self.db_user, self.db_host, self.db_port, self.db_name, self.concurrency, self.batch)


def _check(s):
    if s.concurrency < 1:
        raise ValueError('worker.concurrency must be >= 1')
    if s.batch < 1 or s.batch > 10000:
        raise ValueError('worker.batch out of range')
    if s.poll_secs <= 0:
        raise ValueError('worker.poll_secs must be positive')
    # TODO validate log level against logging module


def load(path=None):
    cp = configparser.ConfigParser()
    cp.read_dict(DEFAULTS)
    if path:
        if not cp.read(path):
            raise IOError('cannot read config %s' % path)
        log.debug('config from %s', path)
    else:
        used = cp.read(SEARCH)
        log.debug('config from %s', used or 'defaults')
    s = Settings(cp)
    _check(s)
    return s


if __name__ == '__main__':
    import sys
    logging.basicConfig(level=logging.DEBUG)
    print(load(sys.argv[1] if len(sys.argv) > 1 else None))
