/** The offline banner's dismissal, remembered for a year so the server does not render it again. */
export const OFFLINE_BANNER_COOKIE = "ingat_offline_banner";
