#ifndef NWBKIT_CHDF5_SHIM_H
#define NWBKIT_CHDF5_SHIM_H
// libhdf5's public API, plus static inline wrappers for the macros and
// global ids Swift cannot import (they expand to function calls or are
// initialised at library load time).
#include <hdf5.h>
#include <string.h>

static inline hid_t chdf5_p_default(void) { return H5P_DEFAULT; }
static inline hid_t chdf5_s_all(void) { return H5S_ALL; }
static inline unsigned chdf5_f_acc_rdonly(void) { return H5F_ACC_RDONLY; }
static inline unsigned chdf5_f_acc_trunc(void) { return H5F_ACC_TRUNC; }
static inline hid_t chdf5_p_file_access(void) { return H5P_FILE_ACCESS; }
static inline hid_t chdf5_p_link_access(void) { return H5P_LINK_ACCESS; }
static inline hid_t chdf5_p_dataset_xfer(void) { return H5P_DATASET_XFER; }
static inline hid_t chdf5_p_dataset_create(void) { return H5P_DATASET_CREATE; }
static inline hid_t chdf5_e_default(void) { return H5E_DEFAULT; }

static inline hid_t chdf5_native_int8(void) { return H5T_NATIVE_INT8; }
static inline hid_t chdf5_native_uint8(void) { return H5T_NATIVE_UINT8; }
static inline hid_t chdf5_native_int16(void) { return H5T_NATIVE_INT16; }
static inline hid_t chdf5_native_uint16(void) { return H5T_NATIVE_UINT16; }
static inline hid_t chdf5_native_int32(void) { return H5T_NATIVE_INT32; }
static inline hid_t chdf5_native_uint32(void) { return H5T_NATIVE_UINT32; }
static inline hid_t chdf5_native_int64(void) { return H5T_NATIVE_INT64; }
static inline hid_t chdf5_native_uint64(void) { return H5T_NATIVE_UINT64; }
static inline hid_t chdf5_native_float(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t chdf5_native_double(void) { return H5T_NATIVE_DOUBLE; }
static inline hid_t chdf5_c_s1(void) { return H5T_C_S1; }
static inline hid_t chdf5_std_ref_obj(void) { return H5T_STD_REF_OBJ; }
static inline hid_t chdf5_std_ref_dsetreg(void) { return H5T_STD_REF_DSETREG; }

static inline size_t chdf5_variable(void) { return H5T_VARIABLE; }
static inline hsize_t chdf5_unlimited(void) { return H5S_UNLIMITED; }
static inline haddr_t chdf5_haddr_undef(void) { return HADDR_UNDEF; }

/// Silences libhdf5's automatic error printing for the default stack.
static inline herr_t chdf5_silence_errors(void) {
    return H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
}

/// Reads the address and type of an object by name without following
/// anything but the final hard link (basic fields only: cheap).
static inline herr_t chdf5_object_info_by_name(hid_t loc, const char *name,
                                               haddr_t *addr, int *type,
                                               unsigned *rc, hsize_t *num_attrs) {
    H5O_info_t info;
    herr_t status = H5Oget_info_by_name2(loc, name, &info, H5O_INFO_BASIC | H5O_INFO_NUM_ATTRS, H5P_DEFAULT);
    if (status < 0) return status;
    *addr = info.addr;
    *type = (int)info.type;
    *rc = info.rc;
    *num_attrs = info.num_attrs;
    return status;
}

static inline herr_t chdf5_object_info(hid_t obj, haddr_t *addr, int *type) {
    H5O_info_t info;
    herr_t status = H5Oget_info2(obj, &info, H5O_INFO_BASIC);
    if (status < 0) return status;
    *addr = info.addr;
    *type = (int)info.type;
    return status;
}

/// Keeps libhdf5's metadata cache small: its size counts the bytes of object headers on disk, not the
/// decoded messages hanging off them (layouts, attributes), so the default (growing to 32 MiB of headers)
/// held several KiB of memory per object of a large file. A walk visits each header once, so `bytes`
/// costs no extra reads; above it the cache grows only to take one entry larger than a quarter of it (a
/// big group's local heap), up to `max_bytes`, never by hit rate (larger caches evict more slowly).
static inline herr_t chdf5_small_metadata_cache(hid_t fapl, size_t bytes, size_t max_bytes) {
    H5AC_cache_config_t config;
    config.version = H5AC__CURR_CACHE_CONFIG_VERSION;
    herr_t status = H5Pget_mdc_config(fapl, &config);
    if (status < 0) return status;
    config.set_initial_size = 1;
    config.initial_size = bytes;
    config.min_size = bytes;
    config.max_size = max_bytes;
    config.incr_mode = H5C_incr__off;
    /* Grow only to hold one large entry (a big group's local heap), never by hit rate. */
    config.flash_incr_mode = max_bytes > bytes ? H5C_flash_incr__add_space : H5C_flash_incr__off;
    config.flash_multiple = 1.0;
    config.flash_threshold = 0.25;
    config.decr_mode = H5C_decr__off;
    return H5Pset_mdc_config(fapl, &config);
}

/// A file opened through NWBKit's byte-source driver (remote files): libhdf5's public part first, as the
/// VFD API requires, then the driver's own fields.
typedef struct {
    H5FD_t pub;
    /// The Swift object that reads the bytes (an unmanaged, retained pointer).
    void *source;
    haddr_t eoa;
    haddr_t eof;
} chdf5_source_file_t;

/// The class of NWBKit's byte-source driver, zeroed but for what does not depend on Swift.
static inline H5FD_class_t chdf5_source_driver_class(const char *name, size_t fapl_size) {
    H5FD_class_t driver;
    memset(&driver, 0, sizeof driver);
    driver.name = name;
    driver.maxaddr = HADDR_MAX;
    driver.fc_degree = H5F_CLOSE_WEAK;
    driver.fapl_size = fapl_size;
    for (int type = 0; type < H5FD_MEM_NTYPES; type++) driver.fl_map[type] = H5FD_MEM_DEFAULT;
    return driver;
}

#endif
