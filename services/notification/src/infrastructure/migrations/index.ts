import { Deliveries1764400000000 } from './1764400000000-deliveries';
import { DeliveryReadModel1764700000000 } from './1764700000000-delivery-read-model';
import { DeliveryPartner1764800000002 } from './1764800000002-delivery-partner';

/** The notification schema's migrations, in order. */
export const notificationMigrations = [Deliveries1764400000000, DeliveryReadModel1764700000000, DeliveryPartner1764800000002];
