#!/usr/bin/python3
"""A pass-through FUSE file system whose disk can be pulled: after SIGUSR1 every call fails with EIO, as on a
disk that has gone away; after SIGUSR2 calls work again. The embedded-store outage tests put the API's data
folder on it, so SQLite meets the failure in its own read, write and fsync calls.

Usage: faultfs.py BACKING_FOLDER MOUNT_POINT   (foreground; unmount to stop)
"""
import errno
import os
import sys

from fusepy import FUSE, FuseOSError, Operations

SWITCH = sys.argv[2].rstrip('/') + '.unplugged'


class FaultFs(Operations):
    def __init__(self, root):
        self.root = os.path.realpath(root)

    def _path(self, path):
        self._io(path)
        return os.path.join(self.root, path.lstrip('/'))

    @staticmethod
    def _io(path):
        # SQLite's -shm file is shared memory, not storage (rebuilt from the log after a crash), and it is mapped
        # into the process: a failed page-in there would be a SIGBUS, which no disk failure of the data gives.
        if not path.endswith('-shm') and os.path.exists(SWITCH):
            raise FuseOSError(errno.EIO)

    def access(self, path, mode):
        if not os.access(self._path(path), mode):
            raise FuseOSError(errno.EACCES)

    def chmod(self, path, mode):
        return os.chmod(self._path(path), mode)

    def chown(self, path, uid, gid):
        return os.chown(self._path(path), uid, gid)

    def getattr(self, path, fh=None):
        st = os.lstat(self._path(path))
        return {key: getattr(st, key) for key in (
            'st_atime', 'st_ctime', 'st_gid', 'st_mode', 'st_mtime', 'st_nlink', 'st_size', 'st_uid')}

    def readdir(self, path, fh):
        return ['.', '..'] + os.listdir(self._path(path))

    def mkdir(self, path, mode):
        return os.mkdir(self._path(path), mode)

    def rmdir(self, path):
        return os.rmdir(self._path(path))

    def unlink(self, path):
        return os.unlink(self._path(path))

    def rename(self, old, new):
        return os.rename(self._path(old), self._path(new))

    def statfs(self, path):
        st = os.statvfs(self._path(path))
        return {key: getattr(st, key) for key in (
            'f_bavail', 'f_bfree', 'f_blocks', 'f_bsize', 'f_favail', 'f_ffree', 'f_files', 'f_flag', 'f_frsize', 'f_namemax')}

    def utimens(self, path, times=None):
        return os.utime(self._path(path), times)

    def open(self, path, flags):
        return os.open(self._path(path), flags)

    def create(self, path, mode, fi=None):
        return os.open(self._path(path), os.O_RDWR | os.O_CREAT, mode)

    def read(self, path, length, offset, fh):
        self._io(path)
        return os.pread(fh, length, offset)

    def write(self, path, buf, offset, fh):
        self._io(path)
        return os.pwrite(fh, buf, offset)

    def truncate(self, path, length, fh=None):
        self._io(path)
        if fh is not None:
            return os.ftruncate(fh, length)
        with open(self._path(path), 'r+') as f:
            f.truncate(length)

    def flush(self, path, fh):
        self._io(path)

    def fsync(self, path, datasync, fh):
        self._io(path)
        return os.fdatasync(fh) if datasync else os.fsync(fh)

    def release(self, path, fh):
        return os.close(fh)


if __name__ == '__main__':
    # direct_io off: SQLite maps its -shm file into memory, which needs the page cache.
    # No attribute caching: SQLite grows files and maps them at once, and a stale size there is a SIGBUS.
    FUSE(FaultFs(sys.argv[1]), sys.argv[2], foreground=True, nothreads=False, attr_timeout=0, entry_timeout=0, negative_timeout=0)
