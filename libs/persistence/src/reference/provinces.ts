/** The 13 provinces of the Cajamarca region, with INEI ubigeo codes and their capitals. */
export const CAJAMARCA_PROVINCES = [
  { code: '0601', name: 'Cajamarca', capital: 'Cajamarca' },
  { code: '0602', name: 'Cajabamba', capital: 'Cajabamba' },
  { code: '0603', name: 'Celendín', capital: 'Celendín' },
  { code: '0604', name: 'Chota', capital: 'Chota' },
  { code: '0605', name: 'Contumazá', capital: 'Contumazá' },
  { code: '0606', name: 'Cutervo', capital: 'Cutervo' },
  { code: '0607', name: 'Hualgayoc', capital: 'Bambamarca' },
  { code: '0608', name: 'Jaén', capital: 'Jaén' },
  { code: '0609', name: 'San Ignacio', capital: 'San Ignacio' },
  { code: '0610', name: 'San Marcos', capital: 'Pedro Gálvez' },
  { code: '0611', name: 'San Miguel', capital: 'San Miguel' },
  { code: '0612', name: 'San Pablo', capital: 'San Pablo' },
  { code: '0613', name: 'Santa Cruz', capital: 'Santa Cruz' },
] as const;

/**
 * Bodies the plan names or that its objectives bind (the regional government's directorates and
 * facilities). The secretariat manages the list afterwards; this is the starting set.
 */
export const INITIAL_INSTITUTIONS = [
  { code: 'GORE-CAJ', name: 'Gobierno Regional de Cajamarca', kind: 'regional_government' },
  { code: 'CR-CAJ', name: 'Consejo Regional de Cajamarca', kind: 'body' },
  { code: 'DIRESA', name: 'Dirección Regional de Salud Cajamarca', kind: 'directorate' },
  { code: 'DRE', name: 'Dirección Regional de Educación Cajamarca', kind: 'directorate' },
  { code: 'DRA', name: 'Dirección Regional de Agricultura Cajamarca', kind: 'directorate' },
  { code: 'DRVCS', name: 'Dirección Regional de Vivienda, Construcción y Saneamiento', kind: 'directorate' },
  { code: 'DREM', name: 'Dirección Regional de Energía y Minas', kind: 'directorate' },
  { code: 'DIRCETUR', name: 'Dirección Regional de Comercio Exterior y Turismo', kind: 'directorate' },
  { code: 'DIREPRO', name: 'Dirección Regional de la Producción', kind: 'directorate' },
  { code: 'HRDC', name: 'Hospital Regional Docente de Cajamarca', kind: 'health_facility' },
  { code: 'ARC', name: 'Archivo Regional de Cajamarca', kind: 'body' },
] as const;
