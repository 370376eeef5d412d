import { admitMotion, cosponsorMotion, createMotionDraft, fileMotion, type Caller } from '#application';
import { readDemoAccounts } from '#persistence';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UseCaseRunner } from '../application/use-case-runner.js';

interface DemoMotion {
  author: number;
  cosponsors: number[];
  admit: boolean;
  title: string;
  body: string;
  rationale: string;
  objectives: string[];
  institutions: string[];
  deadline: string;
}

const MOTIONS: DemoMotion[] = [
  {
    author: 29,
    cosponsors: [30, 31],
    admit: true,
    title: 'Ambulancias para las redes de salud de Celendín y San Marcos',
    body: 'Artículo 1.- Encárguese a la Dirección Regional de Salud la adquisición de dos ambulancias para la red de salud de Celendín y dos para la de San Marcos.\n\nArtículo 2.- La Dirección Regional de Salud informará a la Asamblea cada trimestre sobre el avance.',
    rationale:
      'Las redes de Celendín y San Marcos no cuentan con transporte de emergencia suficiente para el sistema de referencia y contra-referencia previsto en el plan.',
    objectives: ['SOC-SALUD-O2', 'SOC-SALUD-O6'],
    institutions: ['DIRESA'],
    deadline: '2027-06-30',
  },
  {
    author: 36,
    cosponsors: [1],
    admit: false,
    title: 'Programa contra la anemia infantil en Cajabamba y San Marcos',
    body: 'Artículo único.- Declárese de prioridad regional la reducción de la anemia en niñas y niños menores de 36 meses en las provincias de Cajabamba y San Marcos, con suplementación y vigilancia comunitaria.',
    rationale:
      'La meta del plan es reducir la anemia a 12.3% al 2022; las dos provincias están lejos de ella.',
    objectives: ['SOC-SALUD-O4'],
    institutions: ['DIRESA', 'GORE-CAJ'],
    deadline: '2027-12-31',
  },
  {
    author: 2,
    cosponsors: [3, 9, 15],
    admit: true,
    title: 'Capacitación docente virtual para el magisterio rural',
    body: 'Artículo 1.- La Dirección Regional de Educación implementará un programa de capacitación virtual para el 60% del magisterio regional, priorizando las escuelas rurales.',
    rationale: 'El plan fija como meta la capacitación virtual del 60% del magisterio a nivel regional.',
    objectives: ['SOC-EDUCACION-O4'],
    institutions: ['DRE'],
    deadline: '2027-12-31',
  },
  {
    author: 22,
    cosponsors: [],
    admit: false,
    title: 'Protección de las cabeceras de cuenca del Jequetepeque',
    body: 'Artículo único.- Solicítese al Gobierno Regional declarar zonas de protección las cabeceras de cuenca del río Jequetepeque en las provincias de Contumazá y San Pablo.',
    rationale: 'Las cabeceras de cuenca abastecen de agua a la población y a la agricultura de los valles.',
    objectives: ['AMB-AGUA-O1'],
    institutions: ['GORE-CAJ'],
    deadline: '2027-09-30',
  },
  {
    author: 15,
    cosponsors: [16, 17],
    admit: true,
    title: 'Titulación de predios de comunidades campesinas de Chota',
    body: 'Artículo 1.- Encárguese a la Dirección Regional de Agricultura un programa de titulación individual y comunal en la provincia de Chota.',
    rationale: 'El plan se propone titular el 50% de los predios de la región.',
    objectives: ['ECO-AGRARIO-O3'],
    institutions: ['DRA'],
    deadline: '2028-06-30',
  },
];

/** A few motions at different stages, filed through the same use cases (and record) as real ones. */
export async function seedDemoMotions(app: INestApplication, cosponsorThreshold: number): Promise<void> {
  const useCases = app.get(UseCaseRunner);
  const accounts = await readDemoAccounts(app.get(DataSource));
  const user = (email: string): Caller => {
    const row = accounts.find((account) => account.email === email)!;
    return { id: row.id, roles: row.roles, institutionId: null };
  };
  const delegate = (n: number) => user(`delegado${String(n).padStart(2, '0')}@asamblea.local`);
  const moderator = user('moderador@asamblea.local');
  for (const motion of MOTIONS) {
    const author = delegate(motion.author);
    const id = await useCases.run((uow) =>
      createMotionDraft(uow, author, {
        title: motion.title,
        body: motion.body,
        rationale: motion.rationale,
        objectiveCodes: motion.objectives,
        institutionCodes: motion.institutions,
        complianceDeadline: motion.deadline,
      }),
    );
    await useCases.run((uow) => fileMotion(uow, author, id));
    for (const cosponsor of motion.cosponsors)
      await useCases.run((uow) => cosponsorMotion(uow, delegate(cosponsor), id, true));
    if (motion.admit && motion.cosponsors.length >= cosponsorThreshold)
      await useCases.run((uow) => admitMotion(uow, moderator, id));
  }
}
